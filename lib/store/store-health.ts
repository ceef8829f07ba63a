/**
 * Refuses every store operation once the store lost its data. The chat core turns it into
 * the user's `ERROR STORE_RESET` line (lib/chat/errors.ts); `reason` is for the log and /healthz.
 */
export class StoreResetError extends Error {
  constructor(readonly reason: string) {
    super(`the store lost its data: ${reason}`);
    this.name = 'StoreResetError';
  }
}

/**
 * Whether the store a running server uses still holds what it held. A shared store (Redis)
 * can lose its data under running servers: restarted without persistence, or flushed. It
 * then hands out message ids from 1 again (which every server takes for messages it has
 * delivered already, and drops) and knows no accounts (so anyone could take any nick). Once
 * a loss is seen, the store refuses everything with StoreResetError, for good: the servers
 * must be restarted, deliberately (see `--redis-accept-reset`).
 */
export class StoreHealth {
  private lostReason: string | undefined;
  private readonly listeners: ((reason: string) => void)[] = [];
  private knownIds: () => number = () => 0;

  /** `check` answers why the store lost its data, or undefined while it has not; it may throw (store unreachable). */
  constructor(private readonly check: () => Promise<string | undefined>) {}

  /** Why the store is taken for lost, for the log and /healthz; undefined while it is fine. */
  get lost(): string | undefined {
    return this.lostReason;
  }

  /** The first loss is kept and told to the listeners; later ones change nothing. */
  lose(reason: string): void {
    if (this.lostReason !== undefined) return;
    this.lostReason = reason;
    for (const listener of this.listeners) listener(reason);
  }

  onLost(listener: (reason: string) => void): void {
    this.listeners.push(listener);
  }

  /** Throws StoreResetError once the store is lost. */
  assertUsable(): void {
    if (this.lostReason !== undefined) throw new StoreResetError(this.lostReason);
  }

  /**
   * Where the highest message id this server has seen comes from (the hub's delivery
   * order): ids come from one counter in the store, so a store that hands out one at or
   * below it again has lost writes.
   */
  trackIds(source: () => number): void {
    this.knownIds = source;
  }

  get highestKnownId(): number {
    return this.knownIds();
  }

  /** Checks the store now (on reconnecting, and every few seconds). An unreachable store is not a lost one. */
  async verify(): Promise<void> {
    if (this.lostReason !== undefined) return;
    let problem: string | undefined;
    try {
      problem = await this.check();
    } catch {
      return;
    }
    if (problem !== undefined) this.lose(problem);
  }
}
