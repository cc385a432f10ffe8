import { useState } from 'react';
import { Button, Skeleton, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { Claim, Evidence, Person } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { WriteError } from '../../../components/WriteError';
import { PanelSection } from '../../claims/components/PanelSection';
import type { ClaimAbilities } from '../../claims/status';
import { useEvidence } from '../api';
import { toCreateBody, toUpdateFields, valuesOf, type EvidenceValues } from '../evidenceForm';
import { useEvidenceActions } from '../writes';
import { EvidenceForm } from './EvidenceForm';
import { EvidenceItem } from './EvidenceItem';

interface EvidenceSectionProps {
  articleId: string;
  claim: Claim;
  abilities: ClaimAbilities;
  user: Person | undefined;
  /** The server has the claim (its create was answered): evidence can be read and added. */
  confirmed: boolean;
}

/** What is being edited: a new item or an existing one, with what was typed and why it was refused. */
type Editing = { id: string | null; values?: EvidenceValues; error?: unknown };

/** The claim's evidence in the desk's order: add, edit, remove and reorder, all shown at once. */
export function EvidenceSection({ articleId, claim, abilities, user, confirmed }: EvidenceSectionProps) {
  const evidence = useEvidence(articleId, claim.id, confirmed);
  const actions = useEvidenceActions(articleId, claim.id, user);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [failed, setFailed] = useState<{ what: string; error: unknown } | null>(null);
  const list = evidence.data ?? [];
  const canEdit = (e: Evidence) => abilities.addEvidence && (e.createdBy.id === abilities.userId || abilities.moderate);

  const add = (values: EvidenceValues) => {
    setEditing(null);
    actions.add(toCreateBody(values), { onError: (e) => setEditing({ id: null, values, error: e }) });
  };
  const update = (item: Evidence, values: EvidenceValues) => {
    setEditing(null);
    const fields = toUpdateFields(values, item);
    if (Object.keys(fields).length) actions.update(item, fields, { onError: (e) => setEditing({ id: item.id, values, error: e }) });
  };
  const move = (from: number, to: number) => {
    const previous = list.map((e) => e.id);
    const ids = [...previous];
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved!);
    setFailed(null);
    actions.reorder(ids, previous, { onError: (error) => setFailed({ what: 'Order not saved', error }) });
  };

  return (
    <PanelSection
      title={`Evidence${list.length ? ` (${list.length})` : ''}`}
      testId="claim-evidence"
      actions={
        abilities.addEvidence && confirmed && editing?.id !== null ? (
          <Button size="compact-xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing({ id: null })}>
            Add evidence
          </Button>
        ) : null
      }
    >
      {editing?.id === null && (
        <EvidenceForm key={String(editing.error ?? 'new')} initial={editing.values} error={editing.error} submitLabel="Add evidence" onSubmit={add} onCancel={() => setEditing(null)} />
      )}
      {evidence.isLoading && <Skeleton height={60} />}
      {evidence.isError && <ErrorAlert error={evidence.error} onRetry={() => void evidence.refetch()} />}
      {(evidence.isSuccess || !confirmed) && list.length === 0 && editing?.id !== null && (
        <Text size="sm" c="dimmed">
          No evidence yet.
        </Text>
      )}
      {failed && <WriteError error={failed.error} what={failed.what} onDismiss={() => setFailed(null)} />}
      <ol className="evidence-list">
        {list.map((item, index) =>
          editing?.id === item.id ? (
            <li key={item.id} className="evidence-item">
              <EvidenceForm
                initial={editing.values ?? valuesOf(item)}
                error={editing.error}
                submitLabel="Save evidence"
                onSubmit={(values) => update(item, values)}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <EvidenceItem
              key={item.id}
              item={item}
              index={index}
              count={list.length}
              canEdit={canEdit(item)}
              canReorder={abilities.addEvidence}
              onEdit={() => setEditing({ id: item.id })}
              onRemove={() => actions.remove(item, list.map((e) => e.id), { onError: (error) => setFailed({ what: 'Evidence not removed', error }) })}
              onMove={(to) => move(index, to)}
            />
          ),
        )}
      </ol>
    </PanelSection>
  );
}
