import { epochMs, payloadLine } from '../protocol.js';
import type { ClosedLoopParams, LoadReport } from '../worker-api.js';
import type { BenchClient } from './bench-client.js';
import { LoadCounters } from './load-counters.js';

/** How often stop() checks whether the last acknowledgements are in. */
const DRAIN_POLL_MS = 10;

/**
 * Closed loop: each sender keeps up to `window` messages unacknowledged; its own echo is
 * the acknowledgement (chat-line echoes only after the message is stored). So the rate
 * found is what the server can store and confirm, not what we chose to offer.
 */
export class ClosedLoopLoad {
  private readonly counters = new LoadCounters();
  private readonly outstanding = new Map<BenchClient, number>();
  private phase: number;
  private sending = true;
  private stopTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly senders: readonly BenchClient[],
    private readonly params: ClosedLoopParams,
  ) {
    this.phase = params.phase;
  }

  start(): void {
    for (const client of this.senders) {
      this.outstanding.set(client, 0);
      this.topUp(client);
    }
    // A bound even if the main thread never says stop.
    this.stopTimer = setTimeout(() => {
      this.sending = false;
    }, this.params.maxDurationMs);
  }

  setPhase(phase: number): void {
    this.phase = phase;
  }

  /** The sender's own message came back: it is stored. */
  echo(client: BenchClient, phase: number, sentAtMicros: number, receivedAt: number): void {
    const pending = this.outstanding.get(client);
    if (pending === undefined || pending === 0) return;
    this.outstanding.set(client, pending - 1);
    this.counters.ackedOne(phase, receivedAt - sentAtMicros / 1000);
  }

  /** After a received chunk: refill the window with one write rather than one per ack. */
  topUp(client: BenchClient): void {
    const pending = this.outstanding.get(client);
    if (!this.sending || pending === undefined || !client.ready) return;
    const missing = this.params.window - pending;
    if (missing <= 0) return;
    const sentAt = Math.round(epochMs() * 1000);
    let text = '';
    for (let n = 0; n < missing; n++) {
      text += client.adapter.sayPrefix + payloadLine(this.phase, client.spec.sender, sentAt);
      this.counters.sentOne(this.phase, client.spec.sender);
    }
    this.outstanding.set(client, this.params.window);
    client.write(text);
  }

  /** Stops sending, then waits (bounded) for the acknowledgements still due. */
  async stop(drainTimeoutMs: number): Promise<LoadReport> {
    this.halt();
    const deadline = Date.now() + drainTimeoutMs;
    while (this.totalOutstanding() > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
    return this.counters.report(this.totalOutstanding());
  }

  /** Sends nothing more; acknowledgements are still counted. */
  halt(): void {
    this.sending = false;
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.stopTimer = undefined;
  }

  private totalOutstanding(): number {
    let total = 0;
    for (const [client, pending] of this.outstanding) if (client.ready) total += pending;
    return total;
  }
}
