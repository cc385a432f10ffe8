import { useLayoutEffect, useRef, useState } from 'react';

/**
 * A text (or a form's values) for one target (a thread's reply, an evidence item, a passage): a
 * refused write's, with the reason, or one set aside by "Put back".
 */
export interface Refusal<T, K> {
  target: K;
  value: T;
  /** Why the server refused it; null for text set aside by "Put back", which was never sent. */
  error: unknown;
}

/** The form on screen. */
export interface OpenForm<T, K> {
  target: K;
  /** New for each fresh start of the form: its React key, so it takes `initial` again. */
  key: number;
  /** What the form holds before anything is typed: empty, or the item's own text. */
  start: T;
  initial: T;
  /** Why `initial` was refused; null when the form was opened by the user. */
  error: unknown;
}

export interface Refusals<T, K> {
  open: OpenForm<T, K> | null;
  /** Texts that are not in the form, oldest first: the form shows them with their reasons. */
  kept: readonly Refusal<T, K>[];
  /** The last form key given out. */
  seq: number;
}

export interface RefusalRules<T, K> {
  startOf: (target: K) => T;
  /** Holds nothing worth keeping: empty, or still what it started with. */
  untouched: (value: T, start: T) => boolean;
  /** Whether two targets are the same (by default, the same value). */
  sameTarget?: (a: K, b: K) => boolean;
  /** What a closed form for `target` would open with: a draft kept in storage, say. */
  saved?: (target: K) => T | null;
  /** The form that shows when no other does (one always on the page), if any. */
  idle?: { target: K };
}

/** The open form's text as typed, when it was typed since the form (re)started. */
type Typed<T> = T | undefined;

const same = <T, K>(rules: RefusalRules<T, K>, a: K, b: K) => (rules.sameTarget ? rules.sameTarget(a, b) : a === b);
const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function heldFor<T, K>(s: Refusals<T, K>, rules: RefusalRules<T, K>, typed: Typed<T>, target: K): T {
  if (s.open && same(rules, s.open.target, target)) return typed ?? s.open.initial;
  return rules.saved?.(target) ?? rules.startOf(target);
}

function openTouched<T, K>(s: Refusals<T, K>, rules: RefusalRules<T, K>, typed: Typed<T>): boolean {
  return !!s.open && !rules.untouched(typed ?? s.open.initial, s.open.start);
}

/** The user opens a form for `target` (with its saved draft, if any). */
export function openFor<T, K>(s: Refusals<T, K>, rules: RefusalRules<T, K>, target: K, initial?: T): Refusals<T, K> {
  const start = rules.startOf(target);
  const seq = s.seq + 1;
  return { ...s, seq, open: { target, key: seq, start, initial: initial ?? rules.saved?.(target) ?? start, error: null } };
}

/**
 * Puts `value` in the form for `target`. Whatever that replaces and is worth keeping (the open
 * form's text, the target's saved draft) is kept beside it, so nothing typed goes.
 */
function show<T, K>(s: Refusals<T, K>, rules: RefusalRules<T, K>, typed: Typed<T>, target: K, value: T, error: unknown): Refusals<T, K> {
  const aside: Refusal<T, K>[] = [];
  const sameForm = !!s.open && same(rules, s.open.target, target);
  if (s.open && openTouched(s, rules, typed)) {
    const now = typed ?? s.open.initial;
    if (!(sameForm && equal(now, value))) aside.push({ target: s.open.target, value: now, error: s.open.error });
  }
  const saved = sameForm ? null : rules.saved?.(target);
  if (saved != null && !rules.untouched(saved, rules.startOf(target)) && !equal(saved, value)) aside.push({ target, value: saved, error: null });
  const seq = s.seq + 1;
  return { seq, open: { target, key: seq, start: rules.startOf(target), initial: value, error }, kept: [...s.kept, ...aside] };
}

/**
 * A refused write meets the form. Its text goes back into the form when that holds nothing new
 * (empty, or unchanged since the send); otherwise what is there now stays, and the refused text
 * is kept beside it with the reason. A form in use for something else is not taken over.
 */
export function refuse<T, K>(s: Refusals<T, K>, rules: RefusalRules<T, K>, typed: Typed<T>, refusal: Refusal<T, K>): Refusals<T, K> {
  const held = heldFor(s, rules, typed, refusal.target);
  const sameForm = !!s.open && same(rules, s.open.target, refusal.target);
  const start = s.open && sameForm ? s.open.start : rules.startOf(refusal.target);
  const free = !s.open || sameForm || !openTouched(s, rules, typed);
  if (free && (rules.untouched(held, start) || equal(held, refusal.value))) return show(s, rules, typed, refusal.target, refusal.value, refusal.error);
  // Newer text stays where it is: in the open form, or in the target's saved draft, which
  // opens so the refused text can be shown beside it.
  const base = s.open ? s : openFor(s, rules, refusal.target, held);
  return { ...base, kept: [...base.kept, refusal] };
}

/** A kept text goes into the form; what the form held is kept in its place. */
export function putBack<T, K>(s: Refusals<T, K>, rules: RefusalRules<T, K>, typed: Typed<T>, index: number): Refusals<T, K> {
  const chosen = s.kept[index];
  if (!chosen) return s;
  return show({ ...s, kept: s.kept.filter((_, i) => i !== index) }, rules, typed, chosen.target, chosen.value, chosen.error);
}

export function dismiss<T, K>(s: Refusals<T, K>, index: number): Refusals<T, K> {
  return { ...s, kept: s.kept.filter((_, i) => i !== index) };
}

/**
 * The form was sent or cancelled: the oldest kept text takes its place (a refused text is
 * never left off screen), else the form that is always there, else none.
 */
export function settle<T, K>(s: Refusals<T, K>, rules: RefusalRules<T, K>): Refusals<T, K> {
  const closed = { ...s, open: null };
  const [first, ...rest] = s.kept;
  if (first) return show({ ...closed, kept: rest }, rules, undefined, first.target, first.value, first.error);
  return rules.idle ? openFor(closed, rules, rules.idle.target) : closed;
}

/** For text fields: empty, or the text it started with. */
export const untouchedText = (value: string, start: string) => !value.trim() || value.trim() === start.trim();

export interface RefusalsHandle<T, K> extends Refusals<T, K> {
  /** Opens the form for `target`, as the user asks. */
  openFor: (target: K, initial?: T) => void;
  /** Call from a write's `onError`. */
  refused: (refusal: Refusal<T, K>) => void;
  /** After a send, or on cancel. */
  settle: () => void;
  putBack: (index: number) => void;
  dismiss: (index: number) => void;
  /** The open form's text, on every change (kept in a ref: no render). */
  track: (value: T) => void;
}

export interface RefusalOptions<T, K> {
  /** The form open from the first render, if any (read once). */
  opened?: () => { target: K; initial?: T } | null;
  /** Hears each text put into the form, to keep it as a draft where the form keeps drafts. */
  shown?: (target: K, value: T) => void;
}

/**
 * One form (or one at a time among several targets) whose refused writes come back to it
 * without taking what was typed since. The form stays the owner of its text: it starts from
 * `open.initial`, is keyed by `open.key`, and reports changes with `track`.
 */
export function useRefusals<T, K>(rules: RefusalRules<T, K>, { opened, shown }: RefusalOptions<T, K> = {}): RefusalsHandle<T, K> {
  const [state, setState] = useState<Refusals<T, K>>(() => {
    const empty: Refusals<T, K> = { open: null, kept: [], seq: 0 };
    const first: { target: K; initial?: T } | null = opened?.() ?? rules.idle ?? null;
    return first ? openFor(empty, rules, first.target, first.initial) : empty;
  });
  // The latest state and rules, for answers that arrive between renders (two refusals at once).
  const current = useRef(state);
  const latest = useRef({ rules, shown });
  useLayoutEffect(() => {
    latest.current = { rules, shown };
  });
  const typed = useRef<{ key: number; value: T } | null>(null);

  const [handle] = useState(() => {
    const run = (step: (s: Refusals<T, K>, rules: RefusalRules<T, K>, typed: Typed<T>) => Refusals<T, K>) => {
      const s = current.current;
      const text = typed.current && s.open && typed.current.key === s.open.key ? typed.current.value : undefined;
      const next = step(s, latest.current.rules, text);
      current.current = next;
      setState(next);
      const { rules, shown } = latest.current;
      const opened = next.open && next.open.key !== s.open?.key ? next.open : null;
      if (opened && !equal(opened.initial, rules.saved?.(opened.target) ?? opened.start)) shown?.(opened.target, opened.initial);
    };
    return {
      openFor: (target: K, initial?: T) => run((s, rules) => openFor(s, rules, target, initial)),
      refused: (refusal: Refusal<T, K>) => run((s, rules, text) => refuse(s, rules, text, refusal)),
      settle: () => run((s, rules) => settle(s, rules)),
      putBack: (index: number) => run((s, rules, text) => putBack(s, rules, text, index)),
      dismiss: (index: number) => run((s) => dismiss(s, index)),
      track: (value: T) => {
        const open = current.current.open;
        if (open) typed.current = { key: open.key, value };
      },
    };
  });
  return { ...state, ...handle };
}
