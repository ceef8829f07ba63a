import {
  collectPhase,
  fanoutPerMessage,
  MAX_P99_MS,
  MIN_DELIVERED_RATIO,
  phaseTotal,
  startOpenLoop,
  waitForQuiet,
  type FanoutRoom,
  type PhaseOutcome,
} from '../fanout-step.js';
import { Meter, type CpuUse } from '../meter.js';
import { epochMs } from '../protocol.js';
import { roomClients, sleep, withRig, type ConnectSummary, type Rig } from '../rig.js';
import type { ClientSpec } from '../worker-api.js';
import { rigOptions, type BenchContext } from './context.js';

export interface LoginStormResult {
  room: FanoutRoom;
  rate: number;
  storm: ConnectSummary;
  before: PhaseOutcome;
  during: PhaseOutcome;
  after: PhaseOutcome;
  cpu: CpuUse;
  pass: boolean;
}

/**
 * Newcomers register and then leave again: they stand for the cost of a login (scrypt,
 * account insert, catch-up), not for a bigger room, which would change W1's fan-out.
 */
function newcomers(count: number, attempt: number): ClientSpec[] {
  // A repeated storm needs nicks nobody has registered yet.
  const prefix = `new${attempt}x`;
  return Array.from({ length: count }, (_, i) => ({ nick: `${prefix}${i}`, password: `pw-${prefix}${i}`, sender: -1, measure: false, leaveAfterLogin: true }));
}

/** W5 on a fresh server: W1's room is logged in first. */
export async function runLoginStorm(ctx: BenchContext, rate: number): Promise<LoginStormResult> {
  const { w1, w5, loginConcurrency, loginTimeoutMs } = ctx.profile;
  const room: FanoutRoom = { clients: w1.clients, senders: w1.senders };
  return withRig(rigOptions(ctx, 'chat-line', room.clients + w5.storm), async (rig) => {
    await rig.connectAll(roomClients(room.clients, room.senders), loginConcurrency, loginTimeoutMs);
    return stormDuringTraffic(ctx, rig, room, rate);
  });
}

/**
 * W5: traffic in W1's room (logged in on `rig`) at `rate` msgs/s, half W1's maximum,
 * while a storm of new users registers all at once. Live latency is compared before,
 * during and after the storm.
 */
export function stormDuringTraffic(ctx: BenchContext, rig: Rig, room: FanoutRoom, rate: number): Promise<LoginStormResult> {
  return ctx.quiet.unlessNoisy(ctx.profile.noisyRetries,
    (attempt) => stormOnce(ctx, rig, room, rate, attempt),
    (result) => result,
  );
}

async function stormOnce(ctx: BenchContext, rig: Rig, room: FanoutRoom, rate: number, attempt: number): Promise<LoginStormResult> {
  const { w5, step } = ctx.profile;
  const [before, storm, after] = [rig.nextPhase(), rig.nextPhase(), rig.nextPhase()];
  ctx.log(`  ${room.clients} clients in; traffic at ${rate} msgs/s, then ${w5.storm} registrations at once`);
  const maxDurationMs = w5.warmupMs + w5.beforeMs + w5.stormTimeoutMs + w5.afterMs;
  const startAt = await startOpenLoop(rig, room, rate, maxDurationMs);
  await sleep(startAt + w5.warmupMs - epochMs());
  await rig.pool.all('setPhase', { phase: before });
  await sleep(w5.beforeMs);

  await rig.pool.all('setPhase', { phase: storm });
  const meter = new Meter(rig);
  // Every newcomer connects at once: the concurrency is the whole storm.
  const logins = await rig.connect(newcomers(w5.storm, attempt), w5.storm, w5.stormTimeoutMs);
  const cpu = meter.read();
  ctx.log(`  storm: ${logins.connected} registered, ${logins.failed} failed, in ${(logins.elapsedMs / 1000).toFixed(1)} s`);

  await rig.pool.all('setPhase', { phase: after });
  await sleep(w5.afterMs);
  const reports = await rig.pool.all('stopLoad', { drainTimeoutMs: 0 });
  const perMessage = fanoutPerMessage(rig, room);
  const outcome = (phase: number): Promise<PhaseOutcome> => {
    const scheduled = phaseTotal(reports, (r) => r.sent, phase) + phaseTotal(reports, (r) => r.skipped, phase);
    return collectPhase(rig, phase, scheduled, perMessage, step.drainTimeoutMs);
  };
  const result = { room, rate, storm: logins, before: await outcome(before), during: await outcome(storm), after: await outcome(after), cpu };
  await waitForQuiet(rig, step.settleTimeoutMs);
  const { during } = result;
  ctx.log(
    `  p99 before ${result.before.latency.p99Ms} ms, during ${during.latency.p99Ms} ms, after ${result.after.latency.p99Ms} ms; ` +
      `CPU % server ${cpu.serverPct}, generator ${cpu.generatorPct}, other ${cpu.otherPct}`,
  );
  return { ...result, pass: logins.failed === 0 && during.deliveredRatio >= MIN_DELIVERED_RATIO && during.latency.p99Ms < MAX_P99_MS };
}
