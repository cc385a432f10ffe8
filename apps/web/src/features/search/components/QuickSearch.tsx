import { useEffect, useState, type KeyboardEvent } from 'react';
import { Badge, Group, Kbd, Loader, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import type { SearchResult } from '@corroborate/contracts';
import { resultLink } from '../../discovery/links';
import { useDialogMount } from '../../../lib/useDialogMount';
import { useSearch } from '../api';
import { TYPE_NAME } from './ResultItem';
import { Snippet } from './Snippet';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
/** How the shortcut reads on this keyboard. */
export const QUICK_SEARCH_KEYS = isMac ? '⌘K' : 'Ctrl+K';

/** Ctrl+K (⌘K on a Mac) anywhere opens the palette; it toggles. */
export function useQuickSearchShortcut(toggle: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        toggle();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [toggle]);
}

interface QuickSearchProps {
  workspaceId: string | null;
  opened: boolean;
  onClose: () => void;
}

/** The quick-search palette: type, pick with the arrow keys, Enter jumps to the article, claim or passage. */
export function QuickSearch({ workspaceId, opened, onClose }: QuickSearchProps) {
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 150);
  const [index, setIndex] = useState(0);
  const navigate = useNavigate();
  const search = useSearch(opened ? workspaceId : null, { q: debounced, limit: 8 });
  const results = debounced.trim() ? (search.data?.results ?? []) : [];

  // New results: the first one is picked.
  const [pickedFor, setPickedFor] = useState(debounced);
  if (pickedFor !== debounced) {
    setPickedFor(debounced);
    setIndex(0);
  }

  const close = () => {
    setText('');
    onClose();
  };
  const open = (result: SearchResult | undefined) => {
    if (!result || !workspaceId) return;
    close();
    void navigate(resultLink(result, workspaceId));
  };
  const seeAll = () => {
    if (!workspaceId || !text.trim()) return;
    close();
    void navigate(`/w/${encodeURIComponent(workspaceId)}/search?q=${encodeURIComponent(text.trim())}`);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setIndex((i) => Math.min(results.length - 1, i + 1));
    else if (event.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
    else if (event.key === 'Enter' && results.length) open(results[index]);
    else if (event.key === 'Enter') seeAll();
    else return;
    event.preventDefault();
  };

  const dialog = useDialogMount(opened);
  if (!dialog.mounted) return null;
  return (
    <Modal
      opened={dialog.opened}
      onClose={close}
      title="Quick search"
      withCloseButton={false}
      classNames={{ header: 'visually-hidden' }}
      padding="sm"
      size="lg"
      yOffset="10vh"
      className="quick-search"
    >
      {!workspaceId ? (
        <Text size="sm">Open a workspace to search it.</Text>
      ) : (
        <Stack gap="xs">
          <TextInput
            data-autofocus
            aria-label="Search the workspace"
            placeholder="Search articles, claims, annotations, evidence…"
            leftSection={search.isFetching ? <Loader size={14} /> : <IconSearch size={16} aria-hidden />}
            value={text}
            maxLength={500}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            role="combobox"
            aria-expanded={results.length > 0}
            aria-controls="quick-search-results"
            aria-activedescendant={results[index] ? `quick-search-${index}` : undefined}
          />
          <Stack gap={2} id="quick-search-results" role="listbox" aria-label="Results">
            {results.map((r, i) => (
              <UnstyledButton
                key={`${r.type}:${r.id}`}
                id={`quick-search-${i}`}
                role="option"
                aria-selected={i === index}
                className="quick-search-option"
                data-selected={i === index || undefined}
                onMouseEnter={() => setIndex(i)}
                onClick={() => open(r)}
                p={6}
              >
                <Group gap={6} wrap="nowrap">
                  <Badge size="xs" variant="light">
                    {TYPE_NAME[r.type]}
                  </Badge>
                  <Text size="sm" fw={500} lineClamp={1}>
                    {r.title || r.articleTitle}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  <Snippet snippet={r.snippet} />
                </Text>
              </UnstyledButton>
            ))}
            {debounced.trim() && search.isSuccess && results.length === 0 && (
              <Text size="sm" c="dimmed" p={6}>
                Nothing found.
              </Text>
            )}
          </Stack>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> to pick, <Kbd size="xs">Enter</Kbd> to open, <Kbd size="xs">Esc</Kbd> to close
            </Text>
            {text.trim() && (
              <UnstyledButton onClick={seeAll}>
                <Text size="xs" c="blue">
                  See all results
                </Text>
              </UnstyledButton>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
