import { useState } from 'react';
import { Checkbox, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { ClaimPriority, ClaimStatus, type Member } from '@corroborate/contracts';
import { PRIORITY_LABEL, STATUS_LOOK } from '../../status';
import type { TableFilters } from '../../tableFilters';

interface ClaimsFiltersProps {
  filters: TableFilters;
  members: readonly Member[];
  onChange: (next: TableFilters) => void;
}

const STATUSES = ClaimStatus.options.map((s) => ({ value: s, label: STATUS_LOOK[s].label }));
const PRIORITIES = ClaimPriority.options.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }));

/** Text filters are sent a moment after typing stops; the rest at once. */
export function ClaimsFilters({ filters, members, onChange }: ClaimsFiltersProps) {
  const [typed, setTyped] = useState({ q: filters.q, tag: filters.tag, claimant: filters.claimant });
  const send = useDebouncedCallback((next: TableFilters) => onChange(next), 300);
  const type = (key: 'q' | 'tag' | 'claimant', value: string) => {
    const next = { ...typed, [key]: value };
    setTyped(next);
    send({ ...filters, ...next });
  };
  const assignees = [
    { value: '', label: 'Anyone' },
    { value: 'me', label: 'Me' },
    { value: 'none', label: 'Nobody' },
    ...members.map((m) => ({ value: m.userId, label: m.displayName })),
  ];
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="md" role="search" aria-label="Filter claims">
      <TextInput
        label="Search statements"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={typed.q}
        onChange={(e) => type('q', e.currentTarget.value)}
        w={240}
      />
      <MultiSelect label="Status" data={STATUSES} value={filters.status} onChange={(s) => onChange({ ...filters, status: s as ClaimStatus[] })} clearable w={240} placeholder="Any" />
      <Select label="Assignee" data={assignees} value={filters.assignee} onChange={(a) => onChange({ ...filters, assignee: a ?? '' })} allowDeselect={false} searchable w={180} />
      <Select
        label="Priority"
        data={[{ value: '', label: 'Any' }, ...PRIORITIES]}
        value={filters.priority}
        onChange={(p) => onChange({ ...filters, priority: (p ?? '') as TableFilters['priority'] })}
        allowDeselect={false}
        w={130}
      />
      <TextInput label="Tag" value={typed.tag} onChange={(e) => type('tag', e.currentTarget.value)} w={140} />
      <TextInput label="Claimant" value={typed.claimant} onChange={(e) => type('claimant', e.currentTarget.value)} w={180} />
      <Checkbox label="Overdue only" checked={filters.overdue} onChange={(e) => onChange({ ...filters, overdue: e.currentTarget.checked })} mb={8} />
    </Group>
  );
}
