import { Meter, type CpuUse } from './meter.js';
import { epochMs, UNMEASURED_PHASE } from './protocol.js';
import { sleep, sum, type Rig } from './rig.js';
import { Histogram, mergeHistograms, round, type LatencySummary } from './stats.js';
import type { LoadReport, PhaseCounts } from './worker-api.js';

/** The bar a step must clear: nearly everything delivered, and delivered fast. */
export const MIN_DELIVERED_RATIO = 0.999;
export const MAX_P99_MS = 100;

export interface StepTiming {
  warmupMs: number;
  measureMs: number;
  /** After the senders stop, how long deliveries still count. */
  drainTimeoutMs: number;
  /** Longest wait for the previous step's backlog to clear before the next one. */
  settleTimeoutMs: number;
}

/** A room where everybody receives every message (fan-out). */
export interface FanoutRoom {
  clients: number;
  senders: number;
}

export interface PhaseOutcome {
  /** Messages the schedule called for (sent or skipped by a backed-up generator). */
  scheduled: number;
  expected: number;
  delivered: number;
  deliveredRatio: number;
  latency: LatencySummary;
}

export interface StepResult extends PhaseOutcome {
  rate: number;
  deliveriesPerSec: number;
  pass: boolean;
  /** How late the generator was against its own schedule (p99, ms). */
  generatorLagP99Ms: number;
  cpu: CpuUse;
  /** Lines that were not payloads, and clients the server disconnected, during the step: both should be 0. */
  otherLines: number;
  otherSamples: string[];
  dropped: number;
  /** False if deliveries were still trickling in after the settle timeout. */
  settled: boolean;
}

/** Start the schedule a little ahead so every worker gets the message before message 0 is due. */
const START_DELAY_MS = 20;
const POLL_MS = 50;
/** The server is idle again once no line has arrived for this long. */
const QUIET_MS = 150;

/** Deliveries each message should make: everyone in the room, minus the sender where it gets no echo. */
export function fanoutPerMessage(rig: Rig, room: FanoutRoom): number {
  return rig.adapter.echoesSender ? room.clients : room.clients - 1;
}

/** Starts open-loop traffic from the room's senders, tagged `UNMEASURED_PHASE` until told otherwise. */
export async function startOpenLoop(rig: Rig, room: FanoutRoom, rate: number, maxDurationMs: number): Promise<number> {
  const startAt = epochMs() + START_DELAY_MS;
  await rig.pool.all('startLoad', { mode: 'open', rate, senderCount: room.senders, startAt, phase: UNMEASURED_PHASE, maxDurationMs });
  return startAt;
}

/**
 * Waits until every expected delivery of `phase` is in (or the timeout passes) and returns
 * the counts and latencies for it.
 */
export async function collectPhase(rig: Rig, phase: number, scheduled: number, perMessage: number, drainTimeoutMs: number): Promise<PhaseOutcome> {
  const expected = scheduled * perMessage;
  const deadline = performance.now() + drainTimeoutMs;
  for (;;) {
    const delivered = sum((await rig.pool.all('counts', null)).map((c) => c.delivered[phase] ?? 0));
    if (delivered >= expected || performance.now() >= deadline) break;
    await sleep(POLL_MS);
  }
  const stats = await rig.pool.all('stats', { phases: [phase] });
  const delivered = sum(stats.map((s) => s.delivered[phase] ?? 0));
  const latency = mergeHistograms(stats.flatMap((s) => (s.latency[phase] ? [s.latency[phase]] : []))).summary();
  return { scheduled, expected, delivered, deliveredRatio: expected === 0 ? 0 : delivered / expected, latency };
}

/**
 * Waits (bounded) until no more lines arrive, so one step's backlog does not spill into the
 * next. False if lines were still arriving at the timeout.
 */
export async function waitForQuiet(rig: Rig, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  let last = -1;
  let quietSince = performance.now();
  while (performance.now() < deadline) {
    const lines = sum((await rig.pool.all('counts', null)).map((c) => c.lines));
    if (lines !== last) {
      last = lines;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= QUIET_MS) {
      return true;
    }
    await sleep(POLL_MS);
  }
  return false;
}

export function phaseTotal(reports: readonly LoadReport[], pick: (report: LoadReport) => PhaseCounts, phase: number): number {
  return sum(reports.map((report) => pick(report)[phase] ?? 0));
}

/**
 * One step of a rate sweep: warm up at `rate`, measure for a while under phase `phase`,
 * stop, then count what arrived. Latency is from the scheduled send time to arrival.
 */
export async function runFanoutStep(rig: Rig, room: FanoutRoom, rate: number, phase: number, timing: StepTiming): Promise<StepResult> {
  const countsBefore = await rig.pool.all('counts', null);
  const startAt = await startOpenLoop(rig, room, rate, timing.warmupMs + timing.measureMs + timing.drainTimeoutMs);
  await sleep(startAt + timing.warmupMs - epochMs());
  await rig.pool.all('setPhase', { phase });
  const meter = new Meter(rig);
  await sleep(timing.measureMs);
  const cpu = meter.read();
  const reports = await rig.pool.all('stopLoad', { drainTimeoutMs: 0 });

  const scheduled = phaseTotal(reports, (r) => r.sent, phase) + phaseTotal(reports, (r) => r.skipped, phase);
  const outcome = await collectPhase(rig, phase, scheduled, fanoutPerMessage(rig, room), timing.drainTimeoutMs);
  const counts = await rig.pool.all('counts', null);
  const settled = await waitForQuiet(rig, timing.settleTimeoutMs);

  const lag = new Histogram();
  for (const report of reports) lag.merge(report.lag);
  return {
    rate,
    ...outcome,
    // The schedule fixes the measured span: `scheduled` messages at `rate` per second.
    deliveriesPerSec: scheduled === 0 ? 0 : round((outcome.delivered * rate) / scheduled, 0),
    pass: outcome.deliveredRatio >= MIN_DELIVERED_RATIO && outcome.latency.p99Ms < MAX_P99_MS,
    generatorLagP99Ms: round(lag.percentile(99)),
    cpu,
    // The counters run for the rig's life; this step's share is the difference.
    otherLines: sum(counts.map((c) => c.other)) - sum(countsBefore.map((c) => c.other)),
    otherSamples: counts.flatMap((c) => c.otherSamples),
    dropped: sum(counts.map((c) => c.dropped)) - sum(countsBefore.map((c) => c.dropped)),
    settled,
  };
}
