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
import { availableParallelism } from 'node:os';
import { Meter, type CpuUse } from '../meter.js';
import { epochMs } from '../protocol.js';
import { roomClients, sleep, withRig, type ConnectSummary, type Rig } from '../rig.js';
import type { ClientSpec } from '../worker-api.js';
import { rigOptions, type BenchContext } from './context.js';

/** One storm: everybody at once, each trying again when told the server is busy. */
export interface StormOutcome {
  logins: ConnectSummary;
  /** Logins that got in per second of the storm. */
  perSecond: number;
  during: PhaseOutcome;
  cpu: CpuUse;
  /** Nobody failed to get in, and the traffic held its bars meanwhile. */
  pass: boolean;
}

export interface LoginStormResult {
  room: FanoutRoom;
  rate: number;
  /** The server's password hashing threads (one core is left to its event loop). */
  hashingThreads: number;
  before: PhaseOutcome;
  /** New users registering (a hash each). */
  registrations: StormOutcome;
  /** The same users logging in again (a password check each). */
  logins: StormOutcome;
  after: PhaseOutcome;
  pass: boolean;
}
/**
 * Newcomers register and then leave again: they stand for the cost of a login (scrypt,
 * account insert, catch-up), not for a bigger room, which would change W1's fan-out. Each
 * comes from an address of its own, as a storm of people does: from one address the login
 * throttle lets only a few checks run at once (README "Password guessing").
 */
function newcomers(count: number, attempt: number): ClientSpec[] {
  // A repeated storm needs nicks nobody has registered yet.
  const prefix = `new${attempt}x`;
  return Array.from({ length: count }, (_, i) => ({
    nick: `${prefix}${i}`,
    password: `pw-${prefix}${i}`,
    sender: -1,
    measure: false,
    leaveAfterLogin: true,
    from: `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`,
  }));
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
 * while a storm of new users registers all at once, and then while the same users log in
 * again all at once. Live latency is compared before, during and after the storms; the
 * storms' own figure is how many got in per second (the server tells the rest "busy, try
 * again", --max-login-wait, and they do).
 */
export function stormDuringTraffic(ctx: BenchContext, rig: Rig, room: FanoutRoom, rate: number): Promise<LoginStormResult> {
  return ctx.quiet.unlessNoisy(ctx.profile.noisyRetries,
    (attempt) => stormOnce(ctx, rig, room, rate, attempt),
    // Judged by the busier storm's CPU: the one more likely to have been disturbed.
    (result) => ({ pass: result.pass, cpu: [result.registrations.cpu, result.logins.cpu].reduce((a, b) => (b.otherPct > a.otherPct ? b : a)) }),
  );
}

async function stormOnce(ctx: BenchContext, rig: Rig, room: FanoutRoom, rate: number, attempt: number): Promise<LoginStormResult> {
  const { w5, step } = ctx.profile;
  const before = rig.nextPhase();
  const registering = rig.nextPhase();
  const between = rig.nextPhase();
  const loggingIn = rig.nextPhase();
  const after = rig.nextPhase();
  ctx.log(`  ${room.clients} clients in; traffic at ${rate} msgs/s, then ${w5.storm} registrations at once, then their ${w5.storm} logins at once`);
  const maxDurationMs = w5.warmupMs + w5.beforeMs + 2 * (w5.stormTimeoutMs + w5.afterMs);
  const startAt = await startOpenLoop(rig, room, rate, maxDurationMs);
  await sleep(startAt + w5.warmupMs - epochMs());
  await rig.pool.all('setPhase', { phase: before });
  await sleep(w5.beforeMs);

  const users = newcomers(w5.storm, attempt);
  const storm = async (phase: number, what: string): Promise<Omit<StormOutcome, 'during' | 'pass'>> => {
    await rig.pool.all('setPhase', { phase });
    const meter = new Meter(rig);
    // Everybody connects at once: the concurrency is the whole storm.
    const logins = await rig.connect(users, users.length, w5.stormTimeoutMs);
    const cpu = meter.read();
    const perSecond = logins.connected / (logins.elapsedMs / 1000);
    ctx.log(`  ${what}: ${logins.connected} in, ${logins.failed} failed, in ${(logins.elapsedMs / 1000).toFixed(1)} s (${perSecond.toFixed(1)}/s; told "busy" ${logins.busy} times)`);
    return { logins, perSecond, cpu };
  };
  const registrations = await storm(registering, 'registrations');
  await rig.pool.all('setPhase', { phase: between });
  await sleep(w5.afterMs);
  const logins = await storm(loggingIn, 'logins');
  await rig.pool.all('setPhase', { phase: after });
  await sleep(w5.afterMs);

  const reports = await rig.pool.all('stopLoad', { drainTimeoutMs: 0 });
  const perMessage = fanoutPerMessage(rig, room);
  const outcome = (phase: number): Promise<PhaseOutcome> => {
    const scheduled = phaseTotal(reports, (r) => r.sent, phase) + phaseTotal(reports, (r) => r.skipped, phase);
    return collectPhase(rig, phase, scheduled, perMessage, step.drainTimeoutMs);
  };
  const result = {
    room,
    rate,
    hashingThreads: Math.max(1, availableParallelism() - 1),
    before: await outcome(before),
    registrations: judged(registrations, await outcome(registering)),
    logins: judged(logins, await outcome(loggingIn)),
    after: await outcome(after),
  };
  await waitForQuiet(rig, step.settleTimeoutMs);
  ctx.log(
    `  p99 before ${result.before.latency.p99Ms} ms, during registrations ${result.registrations.during.latency.p99Ms} ms, ` +
      `during logins ${result.logins.during.latency.p99Ms} ms, after ${result.after.latency.p99Ms} ms`,
  );
  return { ...result, pass: result.registrations.pass && result.logins.pass };
}

function judged(storm: Omit<StormOutcome, 'during' | 'pass'>, during: PhaseOutcome): StormOutcome {
  const pass = storm.logins.failed === 0 && during.deliveredRatio >= MIN_DELIVERED_RATIO && during.latency.p99Ms < MAX_P99_MS;
  return { ...storm, during, pass };
}
