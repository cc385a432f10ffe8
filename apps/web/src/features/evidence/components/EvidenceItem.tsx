import { ActionIcon, Button, Group, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { Evidence } from '@corroborate/contracts';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { formatPublished } from '../../../lib/format';
import { EvidenceBadges } from './EvidenceBadges';
import { SafeLink } from './SafeLink';

interface EvidenceItemProps {
  item: Evidence;
  index: number;
  count: number;
  canEdit: boolean;
  canReorder: boolean;
  onEdit: () => void;
  onRemove: () => void;
  onMove: (to: number) => void;
}

const KIND_LABEL: Record<Evidence['kind'], string> = { url: 'Link', document: 'Document', quote: 'Quote', note: 'Note' };

/** One piece of evidence: its stance and reliability first, then what and where it is. */
export function EvidenceItem({ item, index, count, canEdit, canReorder, onEdit, onRemove, onMove }: EvidenceItemProps) {
  const name = item.title || item.publisher || item.url || KIND_LABEL[item.kind];
  const source = [item.publisher !== name ? item.publisher : null, item.publishedAt ? formatPublished(item.publishedAt) : null].filter(Boolean).join(' · ');
  return (
    <li className="evidence-item" data-evidence-id={item.id}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <EvidenceBadges stance={item.stance} reliability={item.reliability} />
        {canReorder && count > 1 && (
          <Group gap={2} wrap="nowrap">
            <ActionIcon size="sm" variant="subtle" color="gray" disabled={index === 0} aria-label={`Move “${name}” up`} onClick={() => onMove(index - 1)}>
              <IconArrowUp size={14} aria-hidden />
            </ActionIcon>
            <ActionIcon size="sm" variant="subtle" color="gray" disabled={index === count - 1} aria-label={`Move “${name}” down`} onClick={() => onMove(index + 1)}>
              <IconArrowDown size={14} aria-hidden />
            </ActionIcon>
          </Group>
        )}
      </Group>
      <Text size="sm" fw={600} mt={4} className="evidence-title">
        <span className="visually-hidden">{KIND_LABEL[item.kind]}: </span>
        {name}
      </Text>
      {source && (
        <Text size="xs" c="dimmed">
          {source}
        </Text>
      )}
      {item.url && <SafeLink url={item.url} />}
      {item.excerpt && <blockquote className="evidence-excerpt">{item.excerpt}</blockquote>}
      {item.note && <Text size="sm">{item.note}</Text>}
      {item.reliabilityNote && (
        <Text size="xs" c="dimmed">
          Reliability: {item.reliabilityNote}
        </Text>
      )}
      <Group justify="space-between" mt={4} gap="xs">
        <Text size="xs" c="dimmed">
          Added by {item.createdBy.displayName}
        </Text>
        {canEdit && (
          <Group gap={2}>
            <Button variant="subtle" color="gray" size="compact-xs" onClick={onEdit}>
              Edit<span className="visually-hidden"> evidence {name}</span>
            </Button>
            <ConfirmButton size="compact-xs" title="Remove evidence" message={`“${name}” will be removed from this claim for everyone.`} confirmLabel="Remove" onConfirm={onRemove}>
              Remove<span className="visually-hidden"> evidence {name}</span>
            </ConfirmButton>
          </Group>
        )}
      </Group>
    </li>
  );
}
