import { useState } from 'react';
import { Button, Group, Select, TagsInput, Text } from '@mantine/core';
import { ClaimPriority, type Claim } from '@corroborate/contracts';
import { WriteError } from '../../../components/WriteError';
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
  const [claimant, setClaimant] = useState<string | null>(null);
  const typed = claimant ?? claim.claimant ?? '';
  const save = (patch: Parameters<ClaimActions['update']>[1], keep?: () => void) => {
    setError(null);
    actions.update(claim, patch, {
      onError: (e) => {
        setError(e);
        keep?.();
      },
    });
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

  const saveClaimant = () => {
    const text = typed;
    setClaimant(null);
    // A refused change puts the typed name back in the field.
    save({ claimant: text.trim() || null }, () => setClaimant(text));
  };
  return (
    <PanelSection title="Details">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <ClaimantInput workspaceId={claim.workspaceId} value={typed} onChange={setClaimant} style={{ flex: 1 }} />
        {claimant !== null && claimant !== (claim.claimant ?? '') && (
          <Button size="sm" variant="light" onClick={saveClaimant}>
            Save
          </Button>
        )}
      </Group>
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
