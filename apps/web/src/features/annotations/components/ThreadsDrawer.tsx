import type { ReactNode } from 'react';
import { Badge, Button, Drawer } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';

interface ThreadsDrawerProps {
  opened: boolean;
  onOpen: () => void;
  onClose: () => void;
  /** Threads in the article, shown on the button. */
  count: number;
  children: ReactNode;
}

/**
 * The threads on a narrow screen: a button that stays in view, with their count, opens them
 * in a drawer over the lower part of the screen, so they no longer come after the whole article.
 */
export function ThreadsDrawer({ opened, onOpen, onClose, count, children }: ThreadsDrawerProps) {
  return (
    <>
      <Button
        id="threads-open"
        className="threads-open"
        leftSection={<IconMessages size={18} aria-hidden />}
        rightSection={
          <Badge size="sm" variant="white" color="dark">
            {count}
          </Badge>
        }
        aria-haspopup="dialog"
        onClick={onOpen}
      >
        Threads
      </Button>
      <Drawer opened={opened} onClose={onClose} position="bottom" size="85%" title="Threads and suggestions" closeButtonProps={{ 'aria-label': 'Close threads' }}>
        {children}
      </Drawer>
    </>
  );
}
