import { FuzzLife, type FuzzAccount, type FuzzRun } from './fuzz-life.js';
import type { Rng } from './prng.js';
import { within } from './timing.js';

/** Items a short-lived connection sends after its login before it drops the connection. */
const SHORT_LIFE_ITEMS = 50;

/**
 * One of the fuzz run's connection slots: a connection as long as it lives, then a new
 * one (after a short pause, or as long as the server said to wait after failed logins),
 * until the budget is spent. Connections are long-lived, as a login costs a real scrypt
 * hash, except in a `shortLived` slot: there each connection sends a few items and is
 * dropped, so the prompt, wrong passwords and connection churn are fuzzed all the time.
 */
export class FuzzConnection {
  constructor(
    private readonly slot: number,
    private readonly account: FuzzAccount,
    private readonly run: FuzzRun,
    private readonly rng: Rng,
    private readonly shortLived = false,
  ) {}

  async loop(): Promise<void> {
    const { run, rng } = this;
    for (let lifeNo = 0; !run.budget.over; lifeNo++) {
      const life = await FuzzLife.open(run, rng.fork(lifeNo), this.account, `${this.account.nick} (slot ${this.slot})`);
      if (!life) {
        run.stats.connectFailures++;
        await within(1000, run.budget.stopped);
        continue;
      }
      run.stats.connectionsOpened++;
      await life.live(this.shortLived ? rng.int(SHORT_LIFE_ITEMS) : Infinity);
      await within(Math.max(life.throttledFor * 1000, rng.range(50, 500)), run.budget.stopped);
    }
  }
}
