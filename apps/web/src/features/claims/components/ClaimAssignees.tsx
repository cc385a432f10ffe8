import { useState } from 'react';
import { Button, Group, MultiSelect, Text, TextInput } from '@mantine/core';
import { can, type Claim, type Member } from '@corroborate/contracts';
import { WriteError } from '../../../components/WriteError';
import { formatDay } from '../../../lib/format';
import { serverFieldErrors } from '../../../lib/formErrors';
import type { ClaimAbilities } from '../status';
import { isOverdue } from '../status';
import type { ClaimActions } from '../writes';
import { PanelSection } from './PanelSection';
import { PersonAvatars } from './PersonAvatars';

interface ClaimAssigneesProps {
  claim: Claim;
  abilities: ClaimAbilities;
  members: readonly Member[];
  actions: ClaimActions;
}

/** Who works on the claim and by when: editors and owners assign, anyone who may analyse takes an open one. */
export function ClaimAssignees({ claim, abilities, members, actions }: ClaimAssigneesProps) {
  const [error, setError] = useState<unknown>(null);
  // The assignees last sent, to name the one a refusal is about (`assigneeIds.1`) beside the field.
  const [sent, setSent] = useState<readonly string[]>([]);
  const onError = { onError: setError };
  const assignableMembers = members.filter((m) => can.analyse(m.role)).map((m) => ({ value: m.userId, label: m.displayName }));
  // Someone assigned before they left stays until removed, named as such.
  const departed = claim.assignees.filter((a) => !assignableMembers.some((m) => m.value === a.id)).map((a) => ({ value: a.id, label: `${a.displayName} (left)` }));
  const assignable = [...assignableMembers, ...departed];
  const fields = abilities.assign ? ['assigneeIds'] : [];
  const refused = serverFieldErrors(error, fields, {}, (_field, index) => members.find((m) => m.userId === sent[index])?.displayName);
  const due = claim.dueAt ? claim.dueAt.slice(0, 10) : '';

  return (
    <PanelSection title="Assignment" testId="claim-assignment">
      <Group gap="sm" mb={abilities.assign ? 'xs' : 0}>
        {claim.assignees.length ? (
          <PersonAvatars people={claim.assignees} />
        ) : (
          <Text size="sm" c="dimmed">
            Nobody is assigned.
          </Text>
        )}
        {!abilities.assign && claim.dueAt && (
          <Text size="sm" c={isOverdue(claim) ? 'red.9' : undefined}>
            Due {formatDay(claim.dueAt)}
            {isOverdue(claim) ? ' (overdue)' : ''}
          </Text>
        )}
        {abilities.take && (
          <Button
            size="compact-sm"
            onClick={() => {
              setSent(abilities.userId ? [abilities.userId] : []);
              actions.take(claim, onError);
            }}
          >
            Take it
          </Button>
        )}
      </Group>
      {abilities.assign && (
        <Group gap="sm" align="flex-end" wrap="wrap">
          <MultiSelect
            label="Assignees"
            placeholder={claim.assignees.length ? undefined : 'Choose members'}
            data={assignable}
            value={claim.assignees.map((a) => a.id)}
            error={refused.assigneeIds}
            onChange={(ids) => {
              setError(null);
              setSent(ids);
              actions.update(claim, { assigneeIds: ids }, onError);
            }}
            searchable
            clearable
            style={{ flex: 1, minWidth: 200 }}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label="Due"
            type="date"
            value={due}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setError(null);
              if (value !== due) actions.update(claim, { dueAt: value || null }, onError);
            }}
            description={isOverdue(claim) ? 'Overdue' : undefined}
            styles={isOverdue(claim) ? { description: { color: 'var(--mantine-color-red-9)', fontWeight: 600 } } : undefined}
            w={160}
          />
        </Group>
      )}
      <WriteError error={error} what="Assignment not saved" fields={fields} onDismiss={() => setError(null)} />
    </PanelSection>
  );
}
