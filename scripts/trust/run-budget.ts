export type StopReason = 'items' | 'time' | 'asked';

/**
 * How much a run may do: a number of items and a deadline, whichever comes first, or
 * until `stop()`. Every loop of the run checks it, so none outlives it.
 */
export class RunBudget {
  taken = 0;
  reason: StopReason | undefined;
  readonly stopped: Promise<void>;
  private resolveStopped: () => void = () => undefined;

  constructor(
    readonly limit: number,
    readonly deadline: number,
  ) {
    this.stopped = new Promise((resolve) => {
      this.resolveStopped = resolve;
    });
  }

  /** One more item, if the budget allows it. */
  take(): boolean {
    if (this.over) return false;
    this.taken++;
    return true;
  }

  get over(): boolean {
    if (this.reason === undefined) {
      if (this.taken >= this.limit) this.stop('items');
      else if (Date.now() >= this.deadline) this.stop('time');
    }
    return this.reason !== undefined;
  }

  stop(reason: StopReason = 'asked'): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.resolveStopped();
  }
}
