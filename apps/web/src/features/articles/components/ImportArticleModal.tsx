import { Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { serverFieldErrors } from '../../../lib/formErrors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useImportArticle } from '../api';
import { bodyRename, EMPTY_IMPORT, IMPORT_FIELDS, titleRequired, toCreateBody, validateImport } from '../importForm';
import { ArticleBodyTabs } from './ArticleBodyTabs';

interface ImportArticleModalProps {
  workspaceId: string;
  opened: boolean;
  onClose: () => void;
}

export function ImportArticleModal({ workspaceId, opened, onClose }: ImportArticleModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Import article" size="xl" centered>
      {opened && <ImportArticleForm workspaceId={workspaceId} onClose={onClose} />}
    </Modal>
  );
}

function ImportArticleForm({ workspaceId, onClose }: { workspaceId: string; onClose: () => void }) {
  const importArticle = useImportArticle(workspaceId);
  const navigate = useNavigate();
  const form = useForm({ initialValues: EMPTY_IMPORT, validate: validateImport });

  const submit = form.onSubmit((values) => {
    importArticle.mutate(toCreateBody(values), {
      onSuccess: (article) => {
        notifications.show({ color: 'teal', title: 'Article imported', message: article.title });
        onClose();
        navigate(`/articles/${article.id}`);
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, IMPORT_FIELDS, bodyRename(values.tab))),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {importArticle.isError && <ErrorAlert error={importArticle.error} fields={IMPORT_FIELDS} />}
        <TextInput
          label="Title"
          withAsterisk={titleRequired(form.values.tab)}
          description={titleRequired(form.values.tab) ? undefined : "Leave empty to use the document's own title"}
          data-autofocus
          {...form.getInputProps('title')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="Source URL"
            type="url"
            placeholder="https://"
            inputMode="url"
            {...form.getInputProps('sourceUrl')}
          />
          <TextInput label="Author" {...form.getInputProps('author')} />
          <TextInput label="Published date" type="date" {...form.getInputProps('publishedAt')} />
        </SimpleGrid>
        <ArticleBodyTabs form={form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={importArticle.isPending}>
            Import
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
