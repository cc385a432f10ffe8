import { useEffect, useState } from 'react';

/**
 * Keeps a dialog out of the page until it is first opened. A closed Mantine Modal still runs
 * its hooks and renders again right after mounting, before the page's first frame: the reader
 * paid that for every confirm dialog of every thread card. On its first opening the dialog
 * mounts closed and opens a frame later, so it still notes where focus was (to give it back
 * on closing, which Mantine does only for a change of `opened`); it then stays mounted,
 * closing with its transition like any other.
 */
export function useDialogMount(opened: boolean): { mounted: boolean; opened: boolean } {
  const [mounted, setMounted] = useState(false);
  if (opened && !mounted) setMounted(true);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!mounted || ready) return;
    const frame = requestAnimationFrame(() => setReady(true));
    return () => cancelAnimationFrame(frame);
  }, [mounted, ready]);
  return { mounted, opened: ready && opened };
}
