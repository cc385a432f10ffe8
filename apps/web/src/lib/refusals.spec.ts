/// <reference types="jest" />
import { openFor, putBack, refuse, settle, untouchedText, type RefusalRules, type Refusals } from './refusals';

const refused = new Error('refused');
const other = new Error('also refused');
const closed: Refusals<string, string> = { open: null, kept: [], seq: 0 };

/** One form per thread, empty to start with, like the reply forms. */
const replies: RefusalRules<string, string> = { startOf: () => '', untouched: untouchedText };
/** The new-comment form: always there. */
const comment: RefusalRules<string, string> = { ...replies, idle: { target: 'new' } };

describe('a refused write meets its form', () => {
  it('keeps what was typed since the send, and the refused text beside it with the reason', () => {
    // Sent: the form starts again empty; new text is typed; then the first send is refused.
    const sent = settle(openFor(closed, comment, 'new'), comment);
    const s = refuse(sent, comment, 'A second thought', { target: 'new', value: 'First thought', error: refused });
    expect(s.open).toMatchObject({ target: 'new', key: sent.open!.key, error: null });
    expect(s.kept).toEqual([{ target: 'new', value: 'First thought', error: refused }]);
  });

  it('puts the refused text back when the form is still empty, or unchanged since it opened', () => {
    const sent = settle(openFor(closed, comment, 'new'), comment);
    for (const typed of [undefined, '   ']) {
      const s = refuse(sent, comment, typed, { target: 'new', value: 'First thought', error: refused });
      expect(s.open).toMatchObject({ target: 'new', initial: 'First thought', error: refused });
      expect(s.open!.key).not.toBe(sent.open!.key);
      expect(s.kept).toEqual([]);
    }
    const edit: RefusalRules<string, string> = { startOf: () => 'The council said 40%', untouched: untouchedText };
    const s = refuse(openFor(closed, edit, 'c1'), edit, 'The council said 40%', { target: 'c1', value: 'The council said 45%', error: refused });
    expect(s.open).toMatchObject({ initial: 'The council said 45%', error: refused });
  });

  it('reopens a closed form with the refused text', () => {
    const s = refuse(closed, replies, undefined, { target: 't1', value: 'Source?', error: refused });
    expect(s.open).toMatchObject({ target: 't1', initial: 'Source?', error: refused });
  });

  it('keeps every refusal that finds newer text', () => {
    const open = openFor(closed, replies, 't1');
    const once = refuse(open, replies, 'typed since', { target: 't1', value: 'first', error: refused });
    const twice = refuse(once, replies, 'typed since', { target: 't1', value: 'second', error: other });
    expect(twice.kept.map((k) => k.value)).toEqual(['first', 'second']);
    expect(twice.open!.key).toBe(open.open!.key);
  });

  it('puts a kept text back on request, keeping what the form held in its place', () => {
    const s = refuse(openFor(closed, replies, 't1'), replies, 'typed since', { target: 't1', value: 'first', error: refused });
    const back = putBack(s, replies, 'typed since', 0);
    expect(back.open).toMatchObject({ target: 't1', initial: 'first', error: refused });
    expect(back.kept).toEqual([{ target: 't1', value: 'typed since', error: null }]);
    // And back again: nothing is lost either way.
    const again = putBack(back, replies, undefined, 0);
    expect(again.open).toMatchObject({ initial: 'typed since', error: null });
    expect(again.kept).toEqual([{ target: 't1', value: 'first', error: refused }]);
  });

  it('brings a kept text into the form once the form is sent or closed', () => {
    const s = refuse(openFor(closed, replies, 't1'), replies, 'typed since', { target: 't1', value: 'first', error: refused });
    const next = settle(s, replies);
    expect(next.open).toMatchObject({ target: 't1', initial: 'first', error: refused });
    expect(next.kept).toEqual([]);
    expect(settle(next, replies).open).toBeNull();
  });

  it('does not take over a form in use for something else; put back opens the refused one', () => {
    const s = refuse(openFor(closed, replies, 't2'), replies, 'On thread two', { target: 't1', value: 'On thread one', error: refused });
    expect(s.open).toMatchObject({ target: 't2' });
    expect(s.kept).toEqual([{ target: 't1', value: 'On thread one', error: refused }]);
    const back = putBack(s, replies, 'On thread two', 0);
    expect(back.open).toMatchObject({ target: 't1', initial: 'On thread one', error: refused });
    expect(back.kept).toEqual([{ target: 't2', value: 'On thread two', error: null }]);
    // An empty form for something else simply gives way.
    expect(refuse(openFor(closed, replies, 't2'), replies, '', { target: 't1', value: 'On thread one', error: refused }).open).toMatchObject({ target: 't1' });
  });

  it('respects a draft kept in storage: newer text there stays in the form, the refused text beside it', () => {
    const drafts = new Map([['p1', 'typed after closing the composer']]);
    const stored: RefusalRules<string, string> = { ...replies, saved: (target) => drafts.get(target) ?? null };
    const s = refuse(closed, stored, undefined, { target: 'p1', value: 'sent first', error: refused });
    expect(s.open).toMatchObject({ target: 'p1', initial: 'typed after closing the composer', error: null });
    expect(s.kept).toEqual([{ target: 'p1', value: 'sent first', error: refused }]);
    // The refused text already written back to the draft (nothing newer there) is simply shown.
    drafts.set('p1', 'sent first');
    const back = refuse(closed, stored, undefined, { target: 'p1', value: 'sent first', error: refused });
    expect(back.open).toMatchObject({ initial: 'sent first', error: refused });
    expect(back.kept).toEqual([]);
  });
});
