import { useState } from 'react';
import { Button, Skeleton, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { Claim, Evidence, Person } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { KeptRefusals } from '../../../components/KeptRefusals';
import { WriteError } from '../../../components/WriteError';
import { useRefusals } from '../../../lib/refusals';
import { PanelSection } from '../../claims/components/PanelSection';
import type { ClaimAbilities } from '../../claims/status';
import { useEvidence } from '../api';
import { EMPTY_EVIDENCE, evidenceText, toCreateBody, toUpdateFields, untouchedEvidence, valuesOf, type EvidenceValues } from '../evidenceForm';
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

/** The claim's evidence in the desk's order: add, edit, remove and reorder, all shown at once. */
export function EvidenceSection({ articleId, claim, abilities, user, confirmed }: EvidenceSectionProps) {
  const evidence = useEvidence(articleId, claim.id, confirmed);
  const actions = useEvidenceActions(articleId, claim.id, user);
  const [failed, setFailed] = useState<{ what: string; error: unknown } | null>(null);
  const list = evidence.data ?? [];
  const canEdit = (e: Evidence) => abilities.addEvidence && (e.createdBy.id === abilities.userId || abilities.moderate);
  // The one form open: a new item (target null) or an existing one. A refused save comes back
  // to it, or waits beside what was typed since.
  const editing = useRefusals<EvidenceValues, string | null>({
    startOf: (id) => {
      const item = id === null ? undefined : list.find((e) => e.id === id);
      return item ? valuesOf(item) : EMPTY_EVIDENCE;
    },
    untouched: untouchedEvidence,
  });
  const adding = editing.open?.target === null;
  const kept = (
    <KeptRefusals refusals={editing} what={(k) => (k.target === null ? 'Evidence not added' : 'Evidence not saved')} text={(k) => evidenceText(k.value)} />
  );

  const add = (values: EvidenceValues) => {
    editing.settle();
    actions.add(toCreateBody(values), { onError: (error) => editing.refused({ target: null, value: values, error }) });
  };
  const update = (item: Evidence, values: EvidenceValues) => {
    editing.settle();
    const fields = toUpdateFields(values, item);
    if (Object.keys(fields).length) actions.update(item, fields, { onError: (error) => editing.refused({ target: item.id, value: values, error }) });
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
        abilities.addEvidence && confirmed && !adding ? (
          <Button size="compact-xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => editing.openFor(null)}>
            Add evidence
          </Button>
        ) : null
      }
    >
      {editing.open?.target === null && (
        <EvidenceForm
          key={editing.open.key}
          initial={editing.open.initial}
          error={editing.open.error}
          kept={kept}
          onChange={editing.track}
          submitLabel="Add evidence"
          onSubmit={add}
          onCancel={editing.settle}
        />
      )}
      {evidence.isLoading && <Skeleton height={60} />}
      {evidence.isError && <ErrorAlert error={evidence.error} onRetry={() => void evidence.refetch()} />}
      {(evidence.isSuccess || !confirmed) && list.length === 0 && !adding && (
        <Text size="sm" c="dimmed">
          No evidence yet.
        </Text>
      )}
      {failed && <WriteError error={failed.error} what={failed.what} onDismiss={() => setFailed(null)} />}
      <ol className="evidence-list">
        {list.map((item, index) =>
          editing.open?.target === item.id ? (
            <li key={item.id} className="evidence-item">
              <EvidenceForm
                key={editing.open.key}
                initial={editing.open.initial}
                error={editing.open.error}
                kept={kept}
                onChange={editing.track}
                submitLabel="Save evidence"
                onSubmit={(values) => update(item, values)}
                onCancel={editing.settle}
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
              onEdit={() => editing.openFor(item.id)}
              onRemove={() => actions.remove(item, list.map((e) => e.id), { onError: (error) => setFailed({ what: 'Evidence not removed', error }) })}
              onMove={(to) => move(index, to)}
            />
          ),
        )}
      </ol>
    </PanelSection>
  );
}
