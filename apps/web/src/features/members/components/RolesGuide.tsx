import { Badge, Paper, Text, Title } from '@mantine/core';
import { WorkspaceRole } from '@corroborate/contracts';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../roles';

/** What each role may do, with the reader's own role marked. */
export function RolesGuide({ role }: { role: WorkspaceRole }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="roles-guide-title">
      <Title order={2} size="h4" id="roles-guide-title" mb="xs">
        What each role can do
      </Title>
      <dl className="roles-guide">
        {WorkspaceRole.options.map((r) => (
          <div key={r} className="roles-guide-row" data-testid={`role-${r}`}>
            <dt>
              <Text span fw={600} size="sm">
                {ROLE_LABELS[r]}
              </Text>
              {r === role && (
                <Badge ml="xs" size="sm" variant="light" tt="none">
                  Your role
                </Badge>
              )}
            </dt>
            <dd>
              <Text size="sm">{ROLE_DESCRIPTIONS[r]}</Text>
            </dd>
          </div>
        ))}
      </dl>
    </Paper>
  );
}
