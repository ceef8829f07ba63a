import { UNMEASURED_PHASE } from '../protocol.js';
import { Histogram, type HistogramData } from '../stats.js';
import type { CountsResult, PhaseCounts, StatsResult } from '../worker-api.js';

/** A few unexpected lines are kept to show in the report (they usually explain a failure). */
const MAX_SAMPLES = 5;

/** Phases are a handful per workload (one per sweep step); more means a bug, not a long run. */
const MAX_PHASES = 1000;

/** What this worker's receivers saw, per phase of the sender's traffic. */
interface PhaseTally {
  delivered: number;
  latency: Histogram | undefined;
}

export class DeliveryStats {
  private readonly phases = new Map<number, PhaseTally>();
  /** Nearly every line belongs to the same phase as the one before: skip the map lookup. */
  private current: { phase: number; tally: PhaseTally } | undefined;
  private lines = 0;
  private other = 0;
  private dropped = 0;
  private readonly samples: string[] = [];

  delivery(phase: number, latencyMs: number): void {
    this.lines++;
    const tally = this.current?.phase === phase ? this.current.tally : this.tallyFor(phase);
    if (!tally) return;
    tally.delivered++;
    tally.latency?.record(latencyMs);
  }

  private tallyFor(phase: number): PhaseTally | undefined {
    let tally = this.phases.get(phase);
    if (!tally) {
      if (this.phases.size >= MAX_PHASES) return undefined;
      tally = { delivered: 0, latency: phase === UNMEASURED_PHASE ? undefined : new Histogram() };
      this.phases.set(phase, tally);
    }
    this.current = { phase, tally };
    return tally;
  }

  otherLine(text: () => string): void {
    this.lines++;
    this.other++;
    if (this.samples.length < MAX_SAMPLES) this.samples.push(text().slice(0, 200));
  }

  drop(): void {
    this.dropped++;
  }

  counts(): CountsResult {
    return { delivered: this.deliveredByPhase(), lines: this.lines, other: this.other, otherSamples: [...this.samples], dropped: this.dropped };
  }

  stats(phases: readonly number[]): StatsResult {
    const latency: Record<number, HistogramData> = {};
    for (const phase of phases) {
      const histogram = this.phases.get(phase)?.latency;
      if (histogram) latency[phase] = histogram.toData();
    }
    return { delivered: this.deliveredByPhase(), latency };
  }

  private deliveredByPhase(): PhaseCounts {
    const counts: PhaseCounts = {};
    for (const [phase, tally] of this.phases) counts[phase] = tally.delivered;
    return counts;
  }
}

export function toRecord(map: ReadonlyMap<number, number>): PhaseCounts {
  const record: PhaseCounts = {};
  for (const [key, value] of map) record[key] = value;
  return record;
}
