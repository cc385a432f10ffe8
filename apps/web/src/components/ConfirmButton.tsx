import type { ReactNode } from 'react';
import { Button, Group, Modal, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useDialogMount } from '../lib/useDialogMount';

interface ConfirmButtonProps extends Omit<ButtonProps, 'onClick'> {
  /** The button's text; or, with `trigger`, none. */
  children?: ReactNode;
  /** Draws the button that opens the dialog instead of Mantine's (a thread card's own, say). */
  trigger?: (open: () => void) => ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown> | void;
  'aria-label'?: string;
}

/** A destructive action that asks first; the dialog closes only once the action settles. */
export function ConfirmButton({ title, message, confirmLabel, onConfirm, children, trigger, ...buttonProps }: ConfirmButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const dialog = useDialogMount(opened);

  const confirm = async () => {
    try {
      await onConfirm();
    } finally {
      close();
    }
  };

  return (
    <>
      {trigger ? (
        trigger(open)
      ) : (
        <Button color="red" variant="subtle" size="xs" {...buttonProps} onClick={open}>
          {children}
        </Button>
      )}
      {dialog.mounted && (
        <Modal opened={dialog.opened} onClose={close} title={title} centered>
          <Text size="sm">{message}</Text>
          <Group justify="flex-end" mt="lg">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" onClick={confirm} loading={buttonProps.loading} data-autofocus>
              {confirmLabel}
            </Button>
          </Group>
        </Modal>
      )}
    </>
  );
}
