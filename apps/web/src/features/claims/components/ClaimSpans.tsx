import { Badge, Button, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import type { Claim } from '@corroborate/contracts';
import { PanelSection } from './PanelSection';

interface ClaimSpansProps {
  claim: Claim;
  canEdit: boolean;
  onShowSpan: (spanId: string) => void;
  onReattach: (spanId: string) => void;
}

const shorten = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The passages the claim is anchored to: each takes you to its place; orphans can be re-attached. */
export function ClaimSpans({ claim, canEdit, onShowSpan, onReattach }: ClaimSpansProps) {
  if (!claim.spans.length) return null;
  return (
    <PanelSection title={claim.spans.length === 1 ? 'Passage' : 'Passages'}>
      <Stack gap={6}>
        {claim.spans.map((span) => {
          const quote = `“${shorten(span.target.selector[0].exact)}”`;
          if (!span.orphaned) {
            return (
              <UnstyledButton key={span.id} className="thread-quote" onClick={() => onShowSpan(span.id)}>
                <span className="visually-hidden">Show in article: </span>
                {quote}
              </UnstyledButton>
            );
          }
          return (
            <div key={span.id}>
              <blockquote className="thread-quote is-detached">{quote}</blockquote>
              <Group gap="xs">
                <Badge size="xs" color="orange" variant="light">
                  No longer in the text
                </Badge>
                {canEdit && (
                  <Button size="compact-xs" variant="subtle" onClick={() => onReattach(span.id)}>
                    Re-attach
                  </Button>
                )}
              </Group>
            </div>
          );
        })}
      </Stack>
      {claim.spans.every((s) => s.orphaned) && (
        <Text size="xs" c="dimmed" mt={4}>
          The text changed in a later revision and this passage could not be found again.
        </Text>
      )}
    </PanelSection>
  );
}
