import { useState, type FormEvent } from 'react';
import { ActionIcon, Button, ColorInput, Group, NumberInput, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import type { Rating } from '@corroborate/contracts';
import { WriteError } from '../../../components/WriteError';
import { moveRating, newRating, replaceRating, scaleErrors } from '../scaleEditor';
import { useSaveScale } from '../writes';

/**
 * The owner's editor for the rating scale: rename, recolour, describe, reorder, add and remove,
 * saved as one whole scale. A rating verdicts already use cannot be removed: the server says how
 * many use it, and the edits stay here to change.
 */
export function ScaleEditor({ workspaceId, scale }: { workspaceId: string; scale: Rating[] }) {
  const [ratings, setRatings] = useState(scale);
  const [adding, setAdding] = useState('');
  const [checked, setChecked] = useState(false);
  const save = useSaveScale(workspaceId);
  const errors = checked ? scaleErrors(ratings) : {};
  const dirty = JSON.stringify(ratings) !== JSON.stringify(scale);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(scaleErrors(ratings)).length) return;
    save.mutate(ratings, { onSuccess: () => notifications.show({ color: 'teal', closeButtonProps: { 'aria-label': 'Dismiss' }, message: 'Rating scale saved' }) });
  };
  const add = () => {
    if (!adding.trim()) return;
    setRatings((list) => [...list, newRating(list, adding)]);
    setAdding('');
  };
  const patch = (index: number, change: Partial<Rating>) => setRatings((list) => replaceRating(list, index, change));

  return (
    <form aria-label="Rating scale" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ol className="scale-editor" data-testid="scale-editor">
          {ratings.map((r, index) => (
            <Paper component="li" key={r.key} withBorder p="sm" radius="md" data-rating={r.key}>
              <Group align="flex-start" gap="sm" wrap="wrap">
                <TextInput label="Label" value={r.label} error={errors[`${index}.label`]} onChange={(e) => patch(index, { label: e.currentTarget.value })} w={180} />
                <ColorInput label="Colour" format="hex" withEyeDropper={false} value={r.colour} error={errors[`${index}.colour`]} onChange={(colour) => patch(index, { colour })} w={140} />
                <NumberInput
                  label="Rating value"
                  description={`${r.worstRating} worst, ${r.bestRating} best`}
                  value={r.ratingValue}
                  min={r.worstRating}
                  max={r.bestRating}
                  allowDecimal={false}
                  error={errors[`${index}.ratingValue`]}
                  onChange={(n) => typeof n === 'number' && patch(index, { ratingValue: n })}
                  w={130}
                />
                <TextInput label="Published name" value={r.alternateName} error={errors[`${index}.alternateName`]} onChange={(e) => patch(index, { alternateName: e.currentTarget.value })} w={180} />
                <Group gap={4} mt={24}>
                  <ActionIcon variant="subtle" aria-label={`Move ${r.label} up`} disabled={index === 0} onClick={() => setRatings((list) => moveRating(list, index, -1))}>
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon variant="subtle" aria-label={`Move ${r.label} down`} disabled={index === ratings.length - 1} onClick={() => setRatings((list) => moveRating(list, index, 1))}>
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove ${r.label}`} onClick={() => setRatings((list) => list.filter((_, i) => i !== index))}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
              <Textarea label="Description" autosize minRows={1} maxRows={4} mt="xs" value={r.description} error={errors[`${index}.description`]} onChange={(e) => patch(index, { description: e.currentTarget.value })} />
              <Text size="xs" c="dimmed" mt={4}>
                Key: {r.key}
              </Text>
            </Paper>
          ))}
        </ol>
        {errors.scale && (
          <Text size="sm" c="red.8" role="alert">
            {errors.scale}
          </Text>
        )}
        <Group align="flex-end" gap="xs">
          <TextInput
            label="New rating"
            placeholder="e.g. Satire"
            value={adding}
            onChange={(e) => setAdding(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <Button variant="light" onClick={add} disabled={!adding.trim()}>
            Add rating
          </Button>
        </Group>
        <WriteError error={save.error} what="Scale not saved" onDismiss={() => save.reset()} />
        <Group gap="xs">
          <Button type="submit" disabled={!dirty} loading={save.isPending}>
            Save scale
          </Button>
          {dirty && (
            <Button variant="default" onClick={() => setRatings(scale)}>
              Undo changes
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
