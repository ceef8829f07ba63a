import { epochMs, payloadLine } from '../protocol.js';
import type { LoadReport, OpenLoopParams } from '../worker-api.js';
import type { BenchClient } from './bench-client.js';
import { LoadCounters } from './load-counters.js';

/** How often the schedule is checked; messages due meanwhile go out together. */
const TICK_MS = 1;
/** A sender whose socket holds this much unsent data is not sent more (the message counts as lost). */
const BACKLOG_LIMIT_BYTES = 1024 * 1024;
/** Most messages one sender writes in one tick, so a stalled generator catches up in bounded steps. */
const MAX_PER_TICK = 5000;

/**
 * Sends on a fixed schedule, whatever the server does (open loop): message k of the whole
 * run is due at startAt + k / rate and is sent by sender k mod senderCount, so the senders
 * of all workers interleave evenly. Each payload carries its *scheduled* time, so a late
 * generator or a slow server both show up as latency instead of silently lowering the rate.
 */
export class OpenLoopLoad {
  private readonly counters = new LoadCounters();
  /** Per local sender: how many of its messages are done. */
  private readonly done: number[];
  private readonly intervalMs: number;
  private readonly endAt: number;
  private phase: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly senders: readonly BenchClient[],
    private readonly params: OpenLoopParams,
  ) {
    this.done = senders.map(() => 0);
    this.intervalMs = 1000 / params.rate;
    this.endAt = params.startAt + params.maxDurationMs;
    this.phase = params.phase;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.tick();
    }, TICK_MS);
  }

  setPhase(phase: number): void {
    // Send what was due under the old phase first, so the switch happens at the right time.
    this.tick();
    this.phase = phase;
  }

  stop(): LoadReport {
    this.halt();
    return this.counters.report(0);
  }

  halt(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = Math.min(epochMs(), this.endAt);
    const { senderCount, startAt } = this.params;
    this.senders.forEach((client, local) => {
      const index = client.spec.sender;
      let text = '';
      let done = this.done[local] ?? 0;
      for (let n = 0; n < MAX_PER_TICK; n++) {
        const due = startAt + (index + done * senderCount) * this.intervalMs;
        if (due > now) break;
        done++;
        if (!client.ready || client.pendingBytes > BACKLOG_LIMIT_BYTES) {
          this.counters.skippedOne(this.phase);
          continue;
        }
        text += client.adapter.sayPrefix + payloadLine(this.phase, index, Math.round(due * 1000));
        this.counters.sentOne(this.phase, index);
        this.counters.lag.record(now - due);
      }
      this.done[local] = done;
      if (text !== '') client.write(text);
    });
    if (now >= this.endAt) this.halt();
  }
}
