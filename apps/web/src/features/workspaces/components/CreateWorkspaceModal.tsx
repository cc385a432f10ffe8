import { Modal } from '@mantine/core';
import { CreateWorkspaceForm } from './CreateWorkspaceForm';

interface CreateWorkspaceModalProps {
  opened: boolean;
  onClose: () => void;
}

export function CreateWorkspaceModal({ opened, onClose }: CreateWorkspaceModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="New workspace" centered>
      {/* Mounted only while open, so each opening starts with a fresh form. */}
      {opened && <CreateWorkspaceForm onDone={onClose} onCancel={onClose} />}
    </Modal>
  );
}
