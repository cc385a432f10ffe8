import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { AuditEntry } from '@corroborate/contracts';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { cut, describeEntry, wordDiff, type FieldChange } from '../phrasing';

function Difference({ change }: { change: FieldChange }) {
  if (change.prose && change.before && change.after) {
    return (
      <div className="activity-change">
        <Text span size="xs" fw={600}>
          {change.label}:{' '}
        </Text>
        <span className="activity-diff">
          {wordDiff(change.before, change.after).map((part, i) =>
            part.kind === 'same' ? (
              <span key={i}>{part.text}</span>
            ) : part.kind === 'added' ? (
              <ins key={i}>{part.text}</ins>
            ) : (
              <del key={i}>{part.text}</del>
            ),
          )}
        </span>
      </div>
    );
  }
  return (
    <div className="activity-change">
      <Text span size="xs" fw={600}>
        {change.label}:{' '}
      </Text>
      {change.before !== null && <del>{cut(change.before, 120)}</del>}
      {change.before !== null && change.after !== null && ' → '}
      {change.after !== null ? <ins>{cut(change.after, 120)}</ins> : <Text span size="sm">removed</Text>}
    </div>
  );
}

/** One entry of the feed, in words, linked to where it happened. */
export function ActivityLineView({ entry, isNew }: { entry: AuditEntry; isNew: boolean }) {
  const line = describeEntry(entry);
  return (
    <li className="activity-line" data-testid="activity-line" data-new={isNew || undefined}>
      <Group gap={6} wrap="nowrap" align="baseline" justify="space-between">
        <Text size="sm" className="activity-sentence">
          <strong>{line.actor}</strong> {line.verb}
          {line.article && (
            <>
              {' '}
              {line.link ? (
                <Anchor component={Link} to={line.link} fs="italic">
                  {cut(line.article.title, 60)}
                </Anchor>
              ) : (
                <em>{cut(line.article.title, 60)}</em>
              )}
            </>
          )}
          {line.quote && <span className="activity-quote">: “{cut(line.quote, 100)}”</span>}
        </Text>
        {isNew && (
          <Badge size="xs" variant="filled" color="blue.8" className="activity-new">
            New
          </Badge>
        )}
      </Group>
      {line.changes.length > 0 && (
        <div className="activity-changes">
          {line.changes.map((change) => (
            <Difference key={change.label} change={change} />
          ))}
        </div>
      )}
      <Text size="xs" c="dimmed">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </Text>
    </li>
  );
}
