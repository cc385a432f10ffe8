import { useId, useMemo, type ClipboardEvent } from 'react';
import { Input, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconClipboardText, IconFileUpload, IconLink, IconMarkdown, IconTxt } from '@tabler/icons-react';
import { formatCount } from '../../../lib/format';
import { ACCEPTED_FILES, describeHtml, readArticleFile } from '../importFile';
import type { BodyTab, ImportValues } from '../importForm';

interface ArticleBodyTabsProps {
  form: UseFormReturnType<ImportValues>;
}

export function ArticleBodyTabs({ form }: ArticleBodyTabsProps) {
  const { values } = form;
  const labelId = useId();
  const fileId = useId();
  const fileError = form.errors.file;

  const onFile = async (file: File | null) => {
    form.setValues({ file, fileFormat: null, fileContent: '' });
    form.clearFieldError('file');
    if (!file) return;
    try {
      const read = await readArticleFile(file);
      if (form.getValues().file !== file) return; // another file was picked meanwhile
      form.setValues({ fileFormat: read.format, fileContent: read.content });
      if (!form.getValues().title.trim()) form.setFieldValue('title', read.title);
    } catch (error) {
      if (form.getValues().file !== file) return;
      form.setFieldError('file', error instanceof Error ? error.message : 'Could not read this file');
    }
  };

  // Formatted text arrives as HTML on the clipboard: that, not its plain-text version, goes in the box.
  const onPasteFormatted = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const html = event.clipboardData.getData('text/html');
    if (!html) return;
    event.preventDefault();
    form.setFieldValue('html', html);
    form.clearFieldError('html');
  };
  const htmlSummary = useMemo(() => (values.tab === 'html' && values.html.trim() ? describeHtml(values.html) : null), [values.tab, values.html]);

  // Panels share one neutral name instead of their tab's, so "Text" names only the text box.
  return (
    <Tabs value={values.tab} onChange={(tab) => tab && form.setFieldValue('tab', tab as BodyTab)} keepMounted={false}>
      <span id={labelId} hidden>
        Article body
      </span>
      <Tabs.List aria-labelledby={labelId}>
        <Tabs.Tab value="text" leftSection={<IconTxt size={16} aria-hidden />}>
          Paste text
        </Tabs.Tab>
        <Tabs.Tab value="markdown" leftSection={<IconMarkdown size={16} aria-hidden />}>
          Paste Markdown
        </Tabs.Tab>
        <Tabs.Tab value="html" leftSection={<IconClipboardText size={16} aria-hidden />}>
          Paste formatted text
        </Tabs.Tab>
        <Tabs.Tab value="url" leftSection={<IconLink size={16} aria-hidden />}>
          From a URL
        </Tabs.Tab>
        <Tabs.Tab value="file" leftSection={<IconFileUpload size={16} aria-hidden />}>
          Upload file
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="text" pt="sm" aria-labelledby={labelId}>
        <Textarea label="Text" autosize minRows={8} maxRows={16} {...form.getInputProps('text')} />
      </Tabs.Panel>
      <Tabs.Panel value="markdown" pt="sm" aria-labelledby={labelId}>
        <Textarea
          label="Markdown"
          autosize
          minRows={8}
          maxRows={16}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          {...form.getInputProps('markdown')}
        />
      </Tabs.Panel>
      <Tabs.Panel value="html" pt="sm" aria-labelledby={labelId}>
        <Textarea
          label="Formatted text"
          description="Paste from a web page or document: headings, lists, quotes and links are kept. HTML may be typed in too."
          autosize
          minRows={8}
          maxRows={16}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          {...form.getInputProps('html')}
          onPaste={onPasteFormatted}
        />
        {htmlSummary && (
          <Text size="sm" c="dimmed" mt="xs" data-testid="html-summary">
            {formatCount(values.html.length)} characters of HTML: {htmlSummary}.
          </Text>
        )}
      </Tabs.Panel>
      <Tabs.Panel value="url" pt="sm" aria-labelledby={labelId}>
        <TextInput
          label="Page address"
          type="url"
          inputMode="url"
          placeholder="https://"
          description="The server fetches the page and keeps its article, leaving out menus and footers. Public web pages only."
          {...form.getInputProps('url')}
        />
      </Tabs.Panel>
      <Tabs.Panel value="file" pt="sm" aria-labelledby={labelId}>
        {/* A native input: keyboard, screen readers and test drivers all handle it directly. */}
        <Input.Wrapper
          id={fileId}
          label="File"
          description="A .txt, .md or .html file, read in your browser."
          error={fileError}
        >
          <input
            id={fileId}
            type="file"
            accept={ACCEPTED_FILES}
            className="file-input"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={`${fileId}-description${fileError ? ` ${fileId}-error` : ''}`}
            onChange={(event) => void onFile(event.currentTarget.files?.[0] ?? null)}
          />
        </Input.Wrapper>
        {values.fileFormat && (
          <Text size="sm" c="dimmed" mt="xs" data-testid="file-summary">
            Loaded {values.file?.name}: {formatCount(values.fileContent.length)} characters, imported as{' '}
            {values.fileFormat}.
          </Text>
        )}
      </Tabs.Panel>
    </Tabs>
  );
}
