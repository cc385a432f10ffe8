import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ArticleSummary } from '@corroborate/contracts';
import { formatCount, formatDay, formatPublished, sourceHost } from '../../../lib/format';

export function ArticleTable({ articles }: { articles: ArticleSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="article-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Title</Table.Th>
            <Table.Th>Author</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Published</Table.Th>
            <Table.Th ta="right">Words</Table.Th>
            <Table.Th>Imported</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {articles.map((article) => {
            const host = sourceHost(article.sourceUrl);
            return (
              <Table.Tr key={article.id}>
                <Table.Td maw={420}>
                  <Anchor component={Link} to={`/articles/${article.id}`} fw={600} lineClamp={2}>
                    {article.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{article.author ?? <Text span c="dimmed">—</Text>}</Table.Td>
                <Table.Td>
                  {host ? (
                    <Text span size="sm" title={article.sourceUrl ?? undefined}>
                      {host}
                    </Text>
                  ) : (
                    <Text span c="dimmed">—</Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPublished(article.publishedAt)}</Table.Td>
                <Table.Td ta="right">{formatCount(article.wordCount)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(article.createdAt)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
