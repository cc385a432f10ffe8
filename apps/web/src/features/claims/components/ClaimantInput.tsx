import { useState } from 'react';
import { Autocomplete, type AutocompleteProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useClaimants } from '../api';

interface ClaimantInputProps extends Omit<AutocompleteProps, 'data' | 'value' | 'onChange'> {
  workspaceId: string;
  value: string;
  onChange: (value: string) => void;
}

/** Who made the claim, with the claimants the workspace already uses as suggestions. */
export function ClaimantInput({ workspaceId, value, onChange, ...props }: ClaimantInputProps) {
  const [focused, setFocused] = useState(false);
  const [q] = useDebouncedValue(value.trim(), 200);
  const claimants = useClaimants(focused ? workspaceId : undefined, q);
  return (
    <Autocomplete
      label="Claimant"
      placeholder="Who said it, e.g. the city’s water authority"
      value={value}
      onChange={onChange}
      onFocus={() => setFocused(true)}
      data={(claimants.data ?? []).map((c) => c.claimant)}
      maxLength={300}
      {...props}
    />
  );
}
