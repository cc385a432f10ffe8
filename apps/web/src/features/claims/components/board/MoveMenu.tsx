import { Menu } from '@mantine/core';
import type { Claim, ClaimTransition } from '@corroborate/contracts';
import { STATUS_LOOK } from '../../status';

export interface MoveMenuTarget {
  claim: Claim;
  /** The card's move button: the menu opens under it and gives the focus back to it. */
  button: HTMLElement;
}

interface MoveMenuProps {
  target: MoveMenuTarget | null;
  transitionsOf: (claim: Claim) => readonly ClaimTransition[];
  onMove: (claim: Claim, transition: ClaimTransition) => void;
  onClose: () => void;
}

/** The board's one move menu, the keyboard's way to do what dragging does: only the allowed moves. */
export function MoveMenu({ target, transitionsOf, onMove, onClose }: MoveMenuProps) {
  const rect = target?.button.getBoundingClientRect();
  const close = () => {
    const button = target?.button;
    onClose();
    if (button?.isConnected) button.focus();
  };
  return (
    <Menu opened={!!target} onChange={(opened) => !opened && close()} position="bottom-end" withinPortal returnFocus={false} withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <span
          aria-hidden
          style={{ position: 'fixed', left: rect?.left ?? 0, top: rect?.top ?? 0, width: rect?.width ?? 0, height: rect?.height ?? 0, pointerEvents: 'none' }}
        />
      </Menu.Target>
      <Menu.Dropdown aria-label={target ? `Move “${target.claim.statement.slice(0, 40)}” to` : undefined}>
        {target &&
          transitionsOf(target.claim).map((t) => (
            <Menu.Item key={t.to} onClick={() => onMove(target.claim, t)}>
              {t.label} → {STATUS_LOOK[t.to].label}
            </Menu.Item>
          ))}
      </Menu.Dropdown>
    </Menu>
  );
}
