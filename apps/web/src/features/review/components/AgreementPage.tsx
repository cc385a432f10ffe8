import { useState } from 'react';
import { Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { can, type Agreement, type Rating } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useArticles } from '../../articles/api';
import { useCurrentWorkspace } from '../../workspaces/context';
import { useAgreement, useRatingScale } from '../api';
import { confusionGrid, formatKappa, formatPercent, kappaReading } from '../agreementFigures';
import { ratingLook } from '../ratings';
import './review.css';

/** How far reviewers agree, over claims with all their first verdicts in (before adjudication). */
export function AgreementPage() {
  const { workspace, role } = useCurrentWorkspace();
  useDocumentTitle(`Agreement · ${workspace.name} · Corroborate`);
  const [articleId, setArticleId] = useState<string | null>(null);
  const allowed = can.decide(role);
  const articles = useArticles(workspace.id);
  const scale = useRatingScale(workspace.id);
  const agreement = useAgreement(workspace.id, articleId);

  if (!allowed) {
    return (
      <>
        <PageHeader title="Agreement" />
        <Paper withBorder p="lg" radius="md">
          <Text c="dimmed">Agreement figures are for editors and owners.</Text>
        </Paper>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Agreement"
        description="How often independent reviewers agree, from each reviewer's first verdict on a claim, before any adjudication."
        actions={
          <Select
            label="Article"
            w={280}
            data={[{ value: '', label: 'All articles' }, ...(articles.data ?? []).map((a) => ({ value: a.id, label: a.title }))]}
            value={articleId ?? ''}
            onChange={(value) => setArticleId(value || null)}
            allowDeselect={false}
            searchable
          />
        }
      />
      {agreement.isPending && <Skeleton height={200} />}
      {agreement.isError && <ErrorAlert error={agreement.error} onRetry={() => void agreement.refetch()} />}
      {agreement.data && <Figures agreement={agreement.data} scale={scale.data} />}
    </>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string | null }) {
  return (
    <Paper withBorder p="md" radius="md" role="group" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {note && <Text size="xs">{note}</Text>}
    </Paper>
  );
}

function Figures({ agreement, scale }: { agreement: Agreement; scale: Rating[] | undefined }) {
  const grid = confusionGrid(agreement.confusion, (scale ?? []).map((r) => r.key));
  const label = (key: string) => ratingLook(scale, key).label;
  if (agreement.claims === 0) {
    return (
      <Paper withBorder p="lg" radius="md">
        <Text c="dimmed">No claim has all its verdicts in yet, so there is nothing to compare.</Text>
      </Paper>
    );
  }
  return (
    <Stack gap="xl">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} data-testid="agreement-figures">
        <Figure label="Claims compared" value={String(agreement.claims)} />
        <Figure label="Percentage agreement" value={formatPercent(agreement.percentAgreement)} />
        <Figure label="Cohen's kappa" value={formatKappa(agreement.cohenKappa)} note={agreement.cohenKappa === null ? 'Only for exactly two reviewers' : kappaReading(agreement.cohenKappa)} />
        <Figure
          label="Fleiss' kappa"
          value={formatKappa(agreement.fleissKappa)}
          note={agreement.fleissRaters ? `${agreement.fleissRaters} raters per claim · ${kappaReading(agreement.fleissKappa)}` : null}
        />
      </SimpleGrid>

      <section aria-labelledby="confusion-heading">
        <Title order={2} size="h4" id="confusion-heading" mb="xs">
          Ratings given together
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          Each count is a pair of reviewers rating the same claim; the diagonal is where they agreed.
        </Text>
        <Table.ScrollContainer minWidth={400}>
          <Table withTableBorder withColumnBorders data-testid="confusion-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  <span className="visually-hidden">Rating</span>
                </Table.Th>
                {grid.keys.map((k) => (
                  <Table.Th key={k} scope="col">
                    {label(k)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {grid.keys.map((row, i) => (
                <Table.Tr key={row}>
                  <Table.Th scope="row">{label(row)}</Table.Th>
                  {grid.counts[i]!.map((count, j) => (
                    <Table.Td key={grid.keys[j]} className={i === j ? 'confusion-agree' : undefined}>
                      {j < i ? '' : count}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>

      <section aria-labelledby="pairs-heading">
        <Title order={2} size="h4" id="pairs-heading" mb="xs">
          By pair of reviewers
        </Title>
        <Table withTableBorder data-testid="pairs-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Reviewers</Table.Th>
              <Table.Th scope="col">Claims</Table.Th>
              <Table.Th scope="col">Agreement</Table.Th>
              <Table.Th scope="col">Cohen's kappa</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agreement.pairs.map((p) => (
              <Table.Tr key={`${p.reviewers[0].id}:${p.reviewers[1].id}`}>
                <Table.Td>
                  {p.reviewers[0].displayName} and {p.reviewers[1].displayName}
                </Table.Td>
                <Table.Td>{p.claims}</Table.Td>
                <Table.Td>{formatPercent(p.percentAgreement)}</Table.Td>
                <Table.Td>{formatKappa(p.cohenKappa)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
    </Stack>
  );
}
