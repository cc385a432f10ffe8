import { decideRound } from './round';

describe('decideRound', () => {
  it('waits for the required number of verdicts', () => {
    expect(decideRound(['true'], 2, false)).toEqual({ kind: 'waiting' });
  });
  it('resolves agreeing verdicts, or waits for confirmation when asked to', () => {
    expect(decideRound(['false', 'false'], 2, false)).toEqual({ kind: 'resolved', rating: 'false' });
    expect(decideRound(['false', 'false'], 2, true)).toEqual({ kind: 'awaiting-confirmation', rating: 'false' });
  });
  it('disputes differing verdicts', () => {
    expect(decideRound(['true', 'mostly-true'], 2, false)).toEqual({ kind: 'disputed' });
    expect(decideRound(['true', 'true', 'mixed'], 3, true)).toEqual({ kind: 'disputed' });
  });
});
