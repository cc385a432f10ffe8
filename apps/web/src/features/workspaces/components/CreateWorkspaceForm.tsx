import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import { CreateWorkspaceBody } from '@corroborate/contracts';
import { schemaErrors, serverFieldErrors } from '../../../lib/formErrors';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useCreateWorkspace } from '../api';

interface CreateWorkspaceFormProps {
  onDone?: () => void;
  onCancel?: () => void;
}

export function CreateWorkspaceForm({ onDone, onCancel }: CreateWorkspaceFormProps) {
  const create = useCreateWorkspace();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { name: '' },
    validate: (values) => schemaErrors(CreateWorkspaceBody, values),
  });

  const submit = form.onSubmit((values) => {
    create.mutate(
      { name: values.name.trim() },
      {
        onSuccess: (workspace) => {
          onDone?.();
          navigate(`/w/${workspace.id}`);
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, ['name'])),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {create.isError && <ErrorAlert error={create.error} fields={['name']} />}
        <TextInput
          label="Workspace name"
          placeholder="e.g. Election desk"
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={create.isPending}>
            Create workspace
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
