import { Histogram, type HistogramData } from '../stats.js';
import type { LoadReport } from '../worker-api.js';
import { toRecord } from './delivery-stats.js';

/** The sending side's bookkeeping, shared by the open- and closed-loop loads. */
export class LoadCounters {
  private readonly sent = new Map<number, number>();
  private readonly skipped = new Map<number, number>();
  private readonly acked = new Map<number, number>();
  private readonly ackTimes = new Map<number, Histogram>();
  private readonly bySender = new Map<number, number>();
  readonly lag = new Histogram();

  sentOne(phase: number, sender: number): void {
    bump(this.sent, phase);
    bump(this.bySender, sender);
  }

  skippedOne(phase: number): void {
    bump(this.skipped, phase);
  }

  ackedOne(phase: number, latencyMs: number): void {
    bump(this.acked, phase);
    let histogram = this.ackTimes.get(phase);
    if (!histogram) {
      histogram = new Histogram();
      this.ackTimes.set(phase, histogram);
    }
    histogram.record(latencyMs);
  }

  report(outstanding: number): LoadReport {
    const ackTimes: Record<number, HistogramData> = {};
    for (const [phase, histogram] of this.ackTimes) ackTimes[phase] = histogram.toData();
    return {
      sent: toRecord(this.sent),
      skipped: toRecord(this.skipped),
      acked: toRecord(this.acked),
      ackTimes,
      lag: this.lag.toData(),
      outstanding,
      sentBySender: toRecord(this.bySender),
    };
  }
}

function bump(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
