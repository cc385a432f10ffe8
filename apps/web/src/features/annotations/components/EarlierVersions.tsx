import { Skeleton, Text, UnstyledButton } from '@mantine/core';
import type { Annotation } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format';
import { useAnnotationHistory } from '../api';
import { AnnotationBody } from './AnnotationBody';

interface EditedMarkerProps {
  annotation: Annotation;
  open: boolean;
  onToggle: () => void;
  /** The id of the versions list it shows and hides. */
  controls: string;
}

/** "edited" beside the time; it shows and hides the earlier versions. */
export function EditedMarker({ annotation, open, onToggle, controls }: EditedMarkerProps) {
  return (
    <UnstyledButton
      className="edited-marker"
      aria-expanded={open}
      aria-controls={open ? controls : undefined}
      title={annotation.editedAt ? `Edited ${formatDateTime(annotation.editedAt)}` : undefined}
      onClick={onToggle}
    >
      edited<span className="visually-hidden">: {open ? 'hide' : 'show'} earlier versions</span>
    </UnstyledButton>
  );
}

/** What the comment said before each edit (from the audit log), newest first. */
export function EarlierVersions({ annotation, id }: { annotation: Annotation; id: string }) {
  const history = useAnnotationHistory(annotation);
  // The last version is the one shown above; the rest are what it replaced.
  const earlier = history.data?.slice(0, -1).reverse() ?? [];
  return (
    <div id={id} className="earlier-versions" data-testid="earlier-versions">
      {history.isLoading && <Skeleton height={32} />}
      {history.isError && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      {history.data && earlier.length === 0 && (
        <Text size="xs" c="dimmed">
          No earlier wording is recorded.
        </Text>
      )}
      {earlier.length > 0 && (
        <ol aria-label="Earlier versions">
          {earlier.map((version) => (
            <li key={version.at}>
              <Text size="xs" c="dimmed">
                {version.by?.displayName ?? 'A former member'}, <time dateTime={version.at}>{formatDateTime(version.at)}</time>
              </Text>
              {version.body ? <AnnotationBody source={version.body} /> : <Text size="sm">(no text)</Text>}
              {version.tags.length > 0 && (
                <Text size="xs" c="dimmed">
                  {version.tags.map((t) => `#${t}`).join(' ')}
                </Text>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
