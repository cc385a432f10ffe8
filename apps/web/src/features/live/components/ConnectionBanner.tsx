import { useEffect, useState } from 'react';
import { Group, Loader, Text } from '@mantine/core';
import { IconCloudOff } from '@tabler/icons-react';
import type { ConnectionStatus } from '../socket';
import './live.css';

/** The first connection usually takes a moment; only say so if it takes longer than that. */
const FIRST_CONNECT_GRACE_MS = 1_500;

const MESSAGES: Record<Exclude<ConnectionStatus, 'connected'>, string> = {
  offline: 'Offline — changes will be sent when the connection returns',
  reconnecting: 'Reconnecting…',
  connecting: 'Connecting…',
};

/** Shown only while the live connection is down. */
export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  const [graceOver, setGraceOver] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setGraceOver(true), FIRST_CONNECT_GRACE_MS);
    return () => clearTimeout(timer);
  }, []);

  if (status === 'connected' || (status === 'connecting' && !graceOver)) return null;
  const offline = status === 'offline';
  return (
    <div role="status" data-testid="connection-banner" data-status={status} className={`connection-banner ${offline ? 'is-offline' : ''}`}>
      <Group gap="xs" wrap="nowrap">
        {offline ? <IconCloudOff size={18} aria-hidden /> : <Loader size={14} aria-hidden />}
        <Text size="sm" fw={500}>
          {MESSAGES[status]}
        </Text>
      </Group>
    </div>
  );
}
