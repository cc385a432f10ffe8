import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Button, Kbd, Tooltip } from '@mantine/core';
import { IconHighlight, IconMessage, IconQuestionMark, IconTag, type Icon } from '@tabler/icons-react';
import type { Motivation } from '@corroborate/contracts';
import { MOTIVATION_LOOK } from '../motivations';
import { useKeepInView } from '../keepInView';
import type { SelectionBox } from '../useTextSelection';

export type ThreadMotivation = Exclude<Motivation, 'replying'>;

export interface ToolbarAction {
  motivation: ThreadMotivation;
  key: string;
  icon: Icon;
}

/** The annotation actions and their shortcut keys. */
export const TOOLBAR_ACTIONS: ToolbarAction[] = [
  { motivation: 'highlighting', key: 'h', icon: IconHighlight },
  { motivation: 'commenting', key: 'c', icon: IconMessage },
  { motivation: 'questioning', key: 'q', icon: IconQuestionMark },
  { motivation: 'tagging', key: 't', icon: IconTag },
];

interface SelectionToolbarProps {
  box: SelectionBox;
  onAction: (motivation: ThreadMotivation) => void;
  /** Actions of other features, after the annotation ones. */
  children?: ReactNode;
}

const coarsePointer = () => typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches;

/** Floats above the selection. Arrow keys move between its buttons (the ARIA toolbar pattern). */
export function SelectionToolbar({ box, onAction, children }: SelectionToolbarProps) {
  const ref = useRef<HTMLDivElement>(null);
  useKeepInView(ref, [box.top, box.left, box.right]);
  // Above the selection, unless that would tuck it under the page header; below it on touch
  // screens, where the system's own copy menu sits above.
  const above = box.viewportTop > 120 && !coarsePointer();
  const style = {
    top: above ? box.top - 8 : box.bottom + 8,
    left: (box.left + box.right) / 2,
    transform: `translate(-50%, ${above ? '-100%' : '0'})`,
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const step = event.key === 'ArrowRight' ? 1 : -1;
    buttons[(index + step + buttons.length) % buttons.length]?.focus();
    event.preventDefault();
  };

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label="Annotate selection"
      className="annotate-toolbar"
      style={style}
      // Keeps the text selected while a button is pressed.
      onMouseDown={(event) => event.preventDefault()}
      onKeyDown={onKeyDown}
    >
      {TOOLBAR_ACTIONS.map(({ motivation, key, icon: ActionIcon }) => {
        const { label, color } = MOTIVATION_LOOK[motivation];
        return (
          <Tooltip key={motivation} label={<>{label} <Kbd size="xs">{key.toUpperCase()}</Kbd></>} withArrow openDelay={300}>
            <Button
              variant="subtle"
              color={color === 'yellow' ? 'dark' : color}
              size="compact-sm"
              leftSection={<ActionIcon size={16} aria-hidden />}
              aria-keyshortcuts={key}
              onClick={() => onAction(motivation)}
            >
              {label}
            </Button>
          </Tooltip>
        );
      })}
      {children}
    </div>
  );
}
