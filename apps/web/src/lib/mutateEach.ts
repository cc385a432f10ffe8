/** What one write's caller hears back: the stored object, or why it was refused. */
export interface Settle<TData, TVariables> {
  onSuccess?: (data: TData, variables: TVariables) => void;
  onError?: (error: Error, variables: TVariables) => void;
}

/**
 * Runs a write with callbacks of its own. The ones given to TanStack's `mutate` are called for
 * an observer's latest call only: a second write made before the first was answered (both held
 * offline, or queued one at a time) silenced the first's refusal, and with it the form that was
 * to get its typed text back.
 */
export function mutateEach<TData, TVariables>(
  mutateAsync: (variables: TVariables) => Promise<TData>,
  variables: TVariables,
  settle: Settle<TData, TVariables> = {},
): void {
  void mutateAsync(variables).then(
    (data) => settle.onSuccess?.(data, variables),
    (error: Error) => settle.onError?.(error, variables),
  );
}
