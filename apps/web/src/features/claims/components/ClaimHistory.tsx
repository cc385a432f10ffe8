import { Skeleton, Text } from '@mantine/core';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../lib/format';
import { useClaimHistory } from '../api';
import { PanelSection } from './PanelSection';

/** Every change to the claim in words, newest last; refetched after any event about it. */
export function ClaimHistory({ articleId, claimId, confirmed }: { articleId: string; claimId: string; confirmed: boolean }) {
  const history = useClaimHistory(articleId, claimId, confirmed);
  return (
    <PanelSection title="History" testId="claim-history">
      {history.isLoading && <Skeleton height={48} />}
      {history.isError && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      {history.data && (
        <ol className="claim-history">
          {history.data.map((entry) => (
            <li key={entry.id}>
              <Text size="sm">{entry.text}</Text>
              <Text size="xs" c="dimmed">
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </Text>
            </li>
          ))}
        </ol>
      )}
    </PanelSection>
  );
}
