import { useRef } from 'react';
import { IconLock } from '@tabler/icons-react';
import { useKeepInView } from '../keepInView';
import type { SelectionBox } from '../useTextSelection';

/** Shown instead of the toolbar when someone who may not annotate selects text: it says why. */
export function ViewOnlyNote({ box, reason }: { box: SelectionBox; reason: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useKeepInView(ref, [box.bottom, box.left, box.right]);
  const style = { top: box.bottom + 8, left: (box.left + box.right) / 2 };
  return (
    <div ref={ref} className="annotate-toolbar view-only-note" style={style} role="status" data-testid="view-only-note">
      <IconLock size={16} aria-hidden />
      <span>{reason}</span>
    </div>
  );
}
