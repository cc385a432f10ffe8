import { Button } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconFileImport } from '@tabler/icons-react';
import { can } from '@corroborate/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { ListSkeleton } from '../../../components/PageLoader';
import { useCurrentWorkspace } from '../../workspaces/context';
import { useArticles } from '../api';
import { ArticleTable } from './ArticleTable';
import { ArticlesEmpty } from './ArticlesEmpty';
import { ImportArticleModal } from './ImportArticleModal';

export function ArticlesPage() {
  const { workspace, role } = useCurrentWorkspace();
  useDocumentTitle(`${workspace.name} · Corroborate`);
  const articles = useArticles(workspace.id);
  const [importing, { open, close }] = useDisclosure(false);
  const canImport = can.importArticles(role);
  const isEmpty = articles.isSuccess && articles.data.length === 0;

  return (
    <>
      <PageHeader
        title={workspace.name}
        description="Articles in this workspace"
        // The empty state carries its own call to action; one import button at a time.
        actions={
          canImport && !isEmpty ? (
            <Button leftSection={<IconFileImport size={18} />} onClick={open}>
              Import article
            </Button>
          ) : null
        }
      />
      {articles.isPending && <ListSkeleton label="Loading articles" />}
      {articles.isError && (
        <ErrorAlert error={articles.error} onRetry={() => void articles.refetch()} retrying={articles.isFetching} />
      )}
      {isEmpty && <ArticlesEmpty canImport={canImport} onImport={open} />}
      {articles.isSuccess && articles.data.length > 0 && <ArticleTable articles={articles.data} />}
      {canImport && <ImportArticleModal workspaceId={workspace.id} opened={importing} onClose={close} />}
    </>
  );
}
