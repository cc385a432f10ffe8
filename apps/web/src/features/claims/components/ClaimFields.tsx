import { useState } from 'react';
import { Button, Group, Select, TagsInput, Text } from '@mantine/core';
import { ClaimPriority, type Claim } from '@corroborate/contracts';
import { KeptRefusals } from '../../../components/KeptRefusals';
import { WriteError } from '../../../components/WriteError';
import { useRefusals } from '../../../lib/refusals';
import { PRIORITY_LABEL } from '../status';
import type { ClaimActions } from '../writes';
import { ClaimantInput } from './ClaimantInput';
import { PanelSection } from './PanelSection';

interface ClaimFieldsProps {
  claim: Claim;
  canEdit: boolean;
  actions: ClaimActions;
}

const PRIORITIES = ClaimPriority.options.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }));

/** Claimant, tags and priority: read-only text, or fields that save as they change. */
export function ClaimFields({ claim, canEdit, actions }: ClaimFieldsProps) {
  const [error, setError] = useState<unknown>(null);
  // The claimant as typed (null: the claim's own, kept current). A refused change comes back
  // to the field, or waits beside what was typed since.
  const claimant = useRefusals<string | null, null>({
    startOf: () => null,
    untouched: (value) => value === null || value.trim() === (claim.claimant ?? ''),
    idle: { target: null },
  });
  const save = (patch: Parameters<ClaimActions['update']>[1]) => {
    setError(null);
    actions.update(claim, patch, { onError: setError });
  };

  if (!canEdit) {
    return (
      <PanelSection title="Details">
        <Text size="sm">Claimant: {claim.claimant ?? '—'}</Text>
        <Text size="sm">Priority: {PRIORITY_LABEL[claim.priority]}</Text>
        <Text size="sm">Tags: {claim.tags.length ? claim.tags.join(', ') : '—'}</Text>
      </PanelSection>
    );
  }

  const saveClaimant = (text: string) => {
    claimant.settle();
    actions.update(claim, { claimant: text.trim() || null }, { onError: (e) => claimant.refused({ target: null, value: text, error: e }) });
  };
  return (
    <PanelSection title="Details">
      {claimant.open && (
        <ClaimantField key={claimant.open.key} claim={claim} initial={claimant.open.initial} onChange={claimant.track} onSave={saveClaimant} />
      )}
      <WriteError error={claimant.open?.error} what="Claimant not saved" />
      <KeptRefusals refusals={claimant} what="Claimant not saved" text={(k) => k.value ?? ''} />
      <Group gap="sm" mt="xs" align="flex-start" wrap="wrap">
        <Select
          label="Priority"
          data={PRIORITIES}
          value={claim.priority}
          onChange={(p) => p && p !== claim.priority && save({ priority: p as ClaimPriority })}
          allowDeselect={false}
          w={140}
          comboboxProps={{ withinPortal: true }}
        />
        <TagsInput
          label="Tags"
          value={claim.tags}
          onChange={(tags) => save({ tags })}
          maxTags={20}
          placeholder={claim.tags.length ? undefined : 'Add a tag, then Enter'}
          clearable
          style={{ flex: 1, minWidth: 180 }}
        />
      </Group>
      <WriteError error={error} what="Not saved" onDismiss={() => setError(null)} />
    </PanelSection>
  );
}

interface ClaimantFieldProps {
  claim: Claim;
  initial: string | null;
  onChange: (value: string) => void;
  onSave: (text: string) => void;
}

/** The claimant as typed, with a Save button once it differs from the claim's. */
function ClaimantField({ claim, initial, onChange, onSave }: ClaimantFieldProps) {
  const [claimant, setClaimant] = useState<string | null>(initial);
  const typed = claimant ?? claim.claimant ?? '';
  const change = (text: string) => {
    setClaimant(text);
    onChange(text);
  };
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <ClaimantInput workspaceId={claim.workspaceId} value={typed} onChange={change} style={{ flex: 1 }} />
      {claimant !== null && claimant !== (claim.claimant ?? '') && (
        <Button size="sm" variant="light" onClick={() => onSave(typed)}>
          Save
        </Button>
      )}
    </Group>
  );
}
