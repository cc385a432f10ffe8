import { Alert, Button, CopyButton, Group, Text } from '@mantine/core';
import type { Refusal, RefusalsHandle } from '../lib/refusals';
import { WriteError } from './WriteError';

interface KeptRefusalsProps<T, K> {
  refusals: Pick<RefusalsHandle<T, K>, 'kept' | 'putBack' | 'dismiss'>;
  /** What was not done, e.g. "Comment not saved" (a kept text may be for another item: name it). */
  what: string | ((kept: Refusal<T, K>) => string);
  /** A kept value as text, to read and to copy (by default, the value itself). */
  text?: (kept: Refusal<T, K>) => string;
}

/**
 * Texts kept beside a form because it held newer text when they came back: each refused one
 * with its reason, and anything "Put back" moved out of the form. Each can be copied, put back
 * (what the form holds then takes its place here) or discarded.
 */
export function KeptRefusals<T, K>({ refusals, what, text = (kept) => String(kept.value) }: KeptRefusalsProps<T, K>) {
  return refusals.kept.map((kept, index) => {
    const body = text(kept);
    const content = (
      <>
        <Text component="blockquote" size="sm" className="kept-text" tabIndex={0}>
          {body}
        </Text>
        <Group gap="xs" mt={4}>
          <CopyButton value={body} timeout={2000}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="light" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
          <Button size="compact-xs" variant="light" onClick={() => refusals.putBack(index)}>
            Put back<span className="visually-hidden"> in the form; what it holds now is kept here instead</span>
          </Button>
          <Button size="compact-xs" variant="subtle" color="gray" onClick={() => refusals.dismiss(index)}>
            Discard
          </Button>
        </Group>
      </>
    );
    // Keyed by place: the list only changes by a put back or a discard.
    return kept.error ? (
      <WriteError key={index} error={kept.error} what={typeof what === 'string' ? what : what(kept)}>
        <Text size="sm" mt={4}>
          What you sent is kept here, as the form has what you typed since:
        </Text>
        {content}
      </WriteError>
    ) : (
      <Alert key={index} color="gray" variant="light" p="xs" mt="xs" role="status">
        <Text size="sm">Set aside when you put back the other text:</Text>
        {content}
      </Alert>
    );
  });
}
