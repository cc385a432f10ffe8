import { Group, Radio, Stack, Text } from '@mantine/core';
import type { Rating } from '@corroborate/contracts';

interface RatingChoiceProps {
  label: string;
  scale: readonly Rating[];
  value: string;
  error?: string;
  onChange: (key: string) => void;
}

/** The workspace's scale as radio buttons, each with its colour and what it means. */
export function RatingChoice({ label, scale, value, error, onChange }: RatingChoiceProps) {
  return (
    <Radio.Group label={label} value={value} onChange={onChange} error={error} withAsterisk>
      <Stack gap={6} mt={6}>
        {scale.map((r) => (
          <Radio
            key={r.key}
            value={r.key}
            label={
              <Group gap={6} component="span" wrap="nowrap">
                <span className="rating-swatch" style={{ background: r.colour }} aria-hidden />
                {r.label}
              </Group>
            }
            description={r.description ? <Text span size="xs">{r.description}</Text> : undefined}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
