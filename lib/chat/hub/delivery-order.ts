import type { Clock, Timer } from '../../util/clock.js';

/** What a new session's catch-up must take from the store, and what will reach it live. */
export interface CatchUpCutoff {
  /** The highest message id handled here when the session attached. */
  readonly newest: number;
  /** Whether message `id` was handled here before the session attached: only catch-up can show it then. */
  includes(id: number): boolean;
}

export interface DeliveryOrderOptions {
  clock: Clock;
  /** A gap still open after this long (and again at the next check) is filled from the store. */
  repairAfterMs: number;
  /** Fetches the missing messages and hands them over (or `skip`s the ones that are gone). */
  repair(ids: readonly number[]): Promise<void>;
}

/** Most ids repaired in one go; a larger gap is worked through batch by batch. */
const MAX_REPAIR_BATCH = 500;

/**
 * Which message ids this server has handled, when they may arrive out of order. One
 * process delivers its messages in id order, but in a cluster a message from another
 * server can arrive after a higher id posted here. So this keeps the highest id handled,
 * and the id up to which *every* message was handled (`handledUpTo`), plus the ids handled
 * above it. That gives: duplicates dropped (`accept` is false for an id seen before); an
 * exact catch-up cutoff (`cutoff`); and a read cursor that never passes a message that has
 * not reached this server yet (the hub persists at most `handledUpTo`).
 *
 * Ids are handed out by the store atomically with storing the message, so a gap below
 * the highest id is a message already in the store whose event has not come: late, or
 * never (its server died between storing and publishing, or the bus dropped it). A gap
 * still open at two checks `repairAfterMs` apart is read from the store and delivered.
 * In one process ids come in order: the gap set stays empty and this costs a comparison.
 */
export class DeliveryOrder {
  private contiguous = 0;
  private highest = 0;
  /** Handled ids above `contiguous`: not empty only while a gap is open. */
  private readonly ahead = new Set<number>();
  /** `highest` at the last check: an id below it still missing now was missing then too, so it is repaired. */
  private checkedHighest = 0;
  private timer: Timer | undefined;
  private stopped = false;

  constructor(private readonly options: DeliveryOrderOptions) {}

  /** Starts after `lastId`: everything up to it is in the store, where catch-up finds it. */
  start(lastId: number): void {
    this.contiguous = Math.max(this.contiguous, lastId);
    this.highest = Math.max(this.highest, lastId);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Every message up to this id has been handled here. */
  get handledUpTo(): number {
    return this.contiguous;
  }

  get newest(): number {
    return this.highest;
  }

  /** Records that message `id` is being handled; false if it was already (then it must not be delivered again). */
  accept(id: number): boolean {
    if (id <= this.contiguous) return false;
    if (id === this.contiguous + 1 && this.ahead.size === 0) {
      // The common case, and the only one in a single process.
      this.contiguous = this.highest = id;
      return true;
    }
    if (this.ahead.has(id)) return false;
    this.ahead.add(id);
    if (id > this.highest) this.highest = id;
    while (this.ahead.delete(this.contiguous + 1)) this.contiguous++;
    if (this.ahead.size > 0) this.armRepair(this.options.repairAfterMs);
    return true;
  }

  /** For a new session: the messages handled so far are for its catch-up; the rest will come live. */
  cutoff(): CatchUpCutoff {
    const upTo = this.contiguous;
    const ahead = this.ahead.size === 0 ? undefined : new Set(this.ahead);
    return { newest: this.highest, includes: (id) => id <= upTo || (ahead?.has(id) ?? false) };
  }

  private armRepair(delayMs: number): void {
    if (this.timer || this.stopped) return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, delayMs);
    this.timer.unref?.();
  }

  private async check(): Promise<void> {
    const due = this.missingBelow(this.checkedHighest);
    this.checkedHighest = this.highest;
    if (due.length > 0) await this.options.repair(due);
    // The repair may have armed the usual check already; a batch cut short by the limit
    // wants the next one at once, since the rest of that gap is as old.
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.ahead.size > 0) this.armRepair(due.length === MAX_REPAIR_BATCH ? 0 : this.options.repairAfterMs);
  }

  /** The oldest ids below `limit` that have not been handled, at most a batch of them. */
  private missingBelow(limit: number): number[] {
    const ids: number[] = [];
    const end = Math.min(limit, this.highest);
    for (let id = this.contiguous + 1; id < end && ids.length < MAX_REPAIR_BATCH; id++) {
      if (!this.ahead.has(id)) ids.push(id);
    }
    return ids;
  }
}
