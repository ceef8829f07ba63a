import { expect } from 'chai';
import { FlushScheduler, type Flushable } from '../../lib/session/flush-scheduler.js';

/** A queue that counts how often it was flushed. */
function countingQueue(): Flushable & { flushes: number } {
  return {
    flushes: 0,
    flush() {
      this.flushes++;
    },
  };
}

describe('coalescing output per event-loop turn', () => {
  /** A scheduler whose end-of-turn runs only when the test says. */
  function manualScheduler(): { scheduler: FlushScheduler; endTurn: () => void; scheduled: () => number } {
    const runs: (() => void)[] = [];
    const scheduler = new FlushScheduler((fn) => runs.push(fn));
    return { scheduler, endTurn: () => runs.shift()?.(), scheduled: () => runs.length };
  }

  it('flushes each queue marked during a turn once, at the end of the turn', () => {
    const { scheduler, endTurn, scheduled } = manualScheduler();
    const a = countingQueue();
    const b = countingQueue();
    scheduler.mark(a);
    scheduler.mark(b);
    scheduler.mark(a);
    expect(scheduled()).to.equal(1);
    expect([a.flushes, b.flushes]).to.deep.equal([0, 0]);
    endTurn();
    expect([a.flushes, b.flushes]).to.deep.equal([1, 1]);
  });

  it('flushes at once when asked, and the end of the turn flushes only what was marked after', () => {
    const { scheduler, endTurn } = manualScheduler();
    const a = countingQueue();
    const b = countingQueue();
    scheduler.mark(a);
    scheduler.flushNow();
    expect(a.flushes).to.equal(1);
    scheduler.mark(b);
    endTurn();
    expect([a.flushes, b.flushes]).to.deep.equal([1, 1]);
  });
});
