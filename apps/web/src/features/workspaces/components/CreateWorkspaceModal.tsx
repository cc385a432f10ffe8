import { Modal } from '@mantine/core';
import { useDialogMount } from '../../../lib/useDialogMount';
import { CreateWorkspaceForm } from './CreateWorkspaceForm';

interface CreateWorkspaceModalProps {
  opened: boolean;
  onClose: () => void;
}

export function CreateWorkspaceModal({ opened, onClose }: CreateWorkspaceModalProps) {
  const dialog = useDialogMount(opened);
  if (!dialog.mounted) return null;
  return (
    <Modal opened={dialog.opened} onClose={onClose} title="New workspace" centered>
      {/* Mounted only while open, so each opening starts with a fresh form. */}
      {opened && <CreateWorkspaceForm onDone={onClose} onCancel={onClose} />}
    </Modal>
  );
}
