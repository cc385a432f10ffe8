import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import type { EditDraft } from '../drafts';

interface OrphanedEditsProps {
  orphans: readonly EditDraft[];
  canPost: (orphan: EditDraft) => boolean;
  onPost: (orphan: EditDraft) => void;
  onDiscard: (orphan: EditDraft) => void;
}

/** Edits whose annotation someone else deleted meanwhile: the text is kept, to copy or to post as a new comment. */
export function OrphanedEdits({ orphans, canPost, onPost, onDiscard }: OrphanedEditsProps) {
  if (orphans.length === 0) return null;
  return (
    <Stack gap="sm" mb="sm">
      {orphans.map((orphan) => (
        <Alert key={orphan.key} color="orange" variant="light" role="alert" title="Deleted while you were editing" data-testid="orphaned-edit">
          Someone deleted the {orphan.annotation.replyTo ? 'reply' : 'thread'} you were editing. Your text is kept here:
          copy it, or post it as a new comment on the same passage.
          <Textarea aria-label="Your unsent text" value={orphan.text} readOnly autosize minRows={2} maxRows={8} mt="xs" size="sm" />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="subtle" color="red" size="compact-sm" onClick={() => onDiscard(orphan)}>
              Discard
            </Button>
            {canPost(orphan) && (
              <Button size="compact-sm" onClick={() => onPost(orphan)}>
                Post as new comment
              </Button>
            )}
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
