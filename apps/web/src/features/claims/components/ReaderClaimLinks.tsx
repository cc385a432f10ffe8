import { Anchor, Group } from '@mantine/core';
import { IconLayoutKanban, IconUnlink } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Article } from '@corroborate/contracts';
import { useAnnotations } from '../../annotations/api';
import { useClaims } from '../api';
import { boardPath } from '../paths';

/** Beside "All articles": the article's claims board, and its orphans when a revision left some. */
export function ReaderClaimLinks({ article }: { article: Article }) {
  const claims = useClaims(article.id);
  const annotations = useAnnotations(article.id);
  const count = claims.data?.length ?? 0;
  const orphans =
    (claims.data ?? []).filter((c) => c.spans.some((s) => s.orphaned)).length +
    (annotations.data ?? []).filter((a) => !a.replyTo && a.revisionId !== article.revision.id).length;
  return (
    <Group gap="md" wrap="wrap">
      <Anchor component={Link} to={boardPath(article.id)} fz="sm">
        <Group gap={4} component="span" wrap="nowrap">
          <IconLayoutKanban size={14} aria-hidden />
          Claims board{claims.isSuccess ? ` (${count})` : ''}
        </Group>
      </Anchor>
      {orphans > 0 && (
        <Anchor component={Link} to={`/articles/${article.id}?orphans`} fz="sm">
          <Group gap={4} component="span" wrap="nowrap">
            <IconUnlink size={14} aria-hidden />
            Orphans ({orphans})
          </Group>
        </Anchor>
      )}
    </Group>
  );
}
