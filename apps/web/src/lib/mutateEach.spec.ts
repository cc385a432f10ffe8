/// <reference types="jest" />
import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { mutateEach } from './mutateEach';

describe('mutateEach', () => {
  it('tells each call how it ended, though the same (watched) observer made a later one', async () => {
    let answerFirst!: () => void;
    const firstWaits = new Promise<void>((resolve) => (answerFirst = resolve));
    const observer = new MutationObserver<string, Error, string>(new QueryClient(), {
      scope: { id: 'one-at-a-time' },
      mutationFn: async (text) => {
        if (text !== 'first') return text;
        await firstWaits;
        throw new Error('refused');
      },
    });
    // As a mounted component does.
    const unsubscribe = observer.subscribe(() => undefined);

    const first = { onSuccess: jest.fn(), onError: jest.fn() };
    const second = { onSuccess: jest.fn(), onError: jest.fn() };
    mutateEach(observer.mutate, 'first', first);
    mutateEach(observer.mutate, 'second', second);
    answerFirst();
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(first.onError).toHaveBeenCalledWith(new Error('refused'), 'first');
    expect(first.onSuccess).not.toHaveBeenCalled();
    expect(second.onSuccess).toHaveBeenCalledWith('second', 'second');
    unsubscribe();
  });
});
