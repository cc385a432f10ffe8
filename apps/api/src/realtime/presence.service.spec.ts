import { roomChangeWindowMs } from './presence.service';

describe('the window that joins and leaves of one article share', () => {
  it('is 100 ms for a desk, grows with a crowd, and never passes a second', () => {
    expect(roomChangeWindowMs(0)).toBe(100);
    expect(roomChangeWindowMs(12)).toBe(100);
    expect(roomChangeWindowMs(400)).toBe(400);
    expect(roomChangeWindowMs(2_000)).toBe(1_000);
    expect(roomChangeWindowMs(10_000)).toBe(1_000);
  });
});
