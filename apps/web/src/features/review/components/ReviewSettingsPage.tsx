import { Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { can } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useCurrentWorkspace } from '../../workspaces/context';
import { useRatingScale, useReviewSettings } from '../api';
import { ratingLook } from '../ratings';
import { RatingBadge } from './RatingBadge';
import { ReviewSettingsForm } from './ReviewSettingsForm';
import { ScaleEditor } from './ScaleEditor';
import './review.css';

/** The workspace's review rules and rating scale: owners edit them, everyone else reads them. */
export function ReviewSettingsPage() {
  const { workspace, role } = useCurrentWorkspace();
  useDocumentTitle(`Review settings · ${workspace.name} · Corroborate`);
  const owner = can.manageReview(role);
  const settings = useReviewSettings(workspace.id);
  const scale = useRatingScale(workspace.id);

  return (
    <>
      <PageHeader
        title="Review settings"
        description={owner ? 'How claims are reviewed in this workspace, and the ratings verdicts choose from.' : 'How claims are reviewed in this workspace. Only owners change these.'}
      />
      <Stack gap="xl">
        <section aria-labelledby="review-rules-heading">
          <Title order={2} size="h4" id="review-rules-heading" mb="sm">
            Review
          </Title>
          {settings.isPending && <Skeleton height={120} />}
          {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
          {settings.data && <ReviewSettingsForm key={JSON.stringify(settings.data)} workspaceId={workspace.id} settings={settings.data} editable={owner} />}
        </section>
        <section aria-labelledby="scale-heading">
          <Title order={2} size="h4" id="scale-heading" mb="sm">
            Rating scale
          </Title>
          {scale.isPending && <Skeleton height={200} />}
          {scale.isError && <ErrorAlert error={scale.error} onRetry={() => void scale.refetch()} />}
          {scale.data && owner && <ScaleEditor key={JSON.stringify(scale.data)} workspaceId={workspace.id} scale={scale.data} />}
          {scale.data && !owner && (
            <Paper withBorder radius="md">
              <Table data-testid="rating-scale">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Rating</Table.Th>
                    <Table.Th scope="col">Meaning</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {scale.data.map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Td>
                        <RatingBadge look={ratingLook(scale.data, r.key)} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{r.description}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </section>
      </Stack>
    </>
  );
}
