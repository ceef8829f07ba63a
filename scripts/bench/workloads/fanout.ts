import { runFanoutStep, type FanoutRoom, type StepResult } from '../fanout-step.js';
import type { ServerKind } from '../protocol.js';
import { roomClients, withRig, type ConnectSummary, type Rig } from '../rig.js';
import { sweepRate } from '../sweep.js';
import { rigOptions, type BenchContext } from './context.js';

/** W1 and W2: everybody in one room, a few senders; how many msgs/s until delivery suffers. */
export interface FanoutResult {
  server: ServerKind;
  room: FanoutRoom;
  login: ConnectSummary;
  /** Highest passing rate (msgs/s), 0 if none passed. */
  maxRate: number;
  firstFailRate: number | undefined;
  /** The sweep stopped early (a backlog did not clear), so maxRate may be low. */
  aborted: boolean;
  atMax: StepResult | undefined;
  /** The step that marked the limit: shows whether the server or the generator ran out. */
  atFail: StepResult | undefined;
  steps: StepResult[];
}

/** W1/W2 on a fresh server of `kind`. */
export async function runFanout(ctx: BenchContext, kind: ServerKind, room: SweptRoom): Promise<FanoutResult> {
  return withRig(rigOptions(ctx, kind, room.clients), (rig) => sweepRoom(ctx, rig, room));
}

export interface SweptRoom extends FanoutRoom {
  startRate: number;
}

/**
 * Logs in the room's clients (from `alreadyIn` on: quick mode grows W1's room into W2's on
 * the same server) and sweeps the rate to find the highest that passes.
 */
export async function sweepRoom(ctx: BenchContext, rig: Rig, room: SweptRoom, alreadyIn = 0): Promise<FanoutResult> {
  const { profile } = ctx;
  const kind = rig.server.kind;
  ctx.log(`  ${kind}: logging in ${room.clients - alreadyIn} clients`);
  const login = await rig.connectAll(roomClients(room.clients, room.senders).slice(alreadyIn), profile.loginConcurrency, profile.loginTimeoutMs);
  ctx.log(`  ${kind}: ${room.clients} in after ${(login.elapsedMs / 1000).toFixed(1)} s; sweeping`);
  const sweep = await sweepRate(
    { ...profile.sweep, startRate: room.startRate },
    (rate) =>
      ctx.quiet.unlessNoisy(ctx.profile.noisyRetries,
        async () => {
          const step = await runFanoutStep(rig, room, rate, rig.nextPhase(), profile.step);
          logStep(ctx, step);
          return step;
        },
        (step) => step,
      ),
  );
  if (sweep.aborted) ctx.log(`  ${kind}: stopped: deliveries were still arriving ${profile.step.settleTimeoutMs / 1000} s after the last step`);
  return {
    server: kind,
    room: { clients: room.clients, senders: room.senders },
    login,
    maxRate: sweep.best?.rate ?? 0,
    firstFailRate: sweep.firstFailRate,
    aborted: sweep.aborted,
    atMax: sweep.best,
    atFail: sweep.steps.find((step) => step.rate === sweep.firstFailRate),
    steps: sweep.steps,
  };
}

function logStep(ctx: BenchContext, step: StepResult): void {
  const extra = step.otherLines + step.dropped > 0 ? `, ${step.otherLines} other lines, ${step.dropped} dropped` : '';
  ctx.log(
    `    ${String(step.rate).padStart(6)} msg/s: ${(step.deliveredRatio * 100).toFixed(2)} % delivered, ` +
      `p50 ${step.latency.p50Ms} ms, p99 ${step.latency.p99Ms} ms, ${step.deliveriesPerSec} deliveries/s; CPU % ` +
      `server ${step.cpu.serverPct}, generator ${step.cpu.generatorPct} (workers ${step.cpu.workerBusyPct.join('/')} busy, ` +
      `lag p99 ${step.generatorLagP99Ms} ms), other ${step.cpu.otherPct}${extra} -> ${step.pass ? 'pass' : 'FAIL'}`,
  );
  if (step.otherSamples.length > 0) ctx.log(`      e.g. ${step.otherSamples.slice(0, 2).join(' | ')}`);
}
