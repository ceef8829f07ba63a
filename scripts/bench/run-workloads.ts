import type { ServerKind } from './protocol.js';
import { compareFanout, compareIrc, type BenchResults, type OtherBuildResults, type WorkloadId } from './results.js';
import { roomClients, withRig } from './rig.js';
import { hasRedisServer, REDIS_MISSING } from '../../spec/helpers/redis-server.js';
import { runClusterFanout } from './workloads/cluster-fanout.js';
import { rigOptions, type BenchContext } from './workloads/context.js';
import { runDurableWrites } from './workloads/durable-writes.js';
import { runFanout, sweepRoom, type FanoutResult } from './workloads/fanout.js';
import { runIdleMemory } from './workloads/idle-memory.js';
import { runLoginStorm, stormDuringTraffic, type LoginStormResult } from './workloads/login-storm.js';
import { runSearchLatency } from './workloads/search-latency.js';

export interface RunPlan {
  only: readonly WorkloadId[];
  baseline: boolean;
  /** W5's rate; by default half of W1's chat-line maximum. */
  w5Rate?: number;
  /** Another chat-line build to run W1-W4 on too, right after this tree's (--against). */
  against?: { label: string; script: string };
}

export type WorkloadErrors = Partial<Record<WorkloadId, string>>;

/**
 * Runs the selected workloads in order, each in its own try/catch so one failure does not
 * lose the others' figures. Fills `results` and `errors` as it goes (so Ctrl-C still leaves
 * what was measured).
 */
export async function runWorkloads(plan: RunPlan, ctx: BenchContext, results: BenchResults, errors: WorkloadErrors): Promise<void> {
  const run = async (id: WorkloadId, title: string, work: () => Promise<void>): Promise<void> => {
    if (!plan.only.includes(id)) return;
    ctx.log(`${id}: ${title}`);
    const started = performance.now();
    try {
      await work();
    } catch (error) {
      errors[id] = error instanceof Error ? error.message : String(error);
      ctx.log(`  ${id} failed: ${errors[id]}`);
    }
    ctx.log(`  (${id} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };
  const { profile } = ctx;
  const other: OtherBuildResults | undefined = plan.against === undefined ? undefined : (results.against = { ...plan.against });
  /** `work` on the other build too, when there is one; its failure is told apart from this tree's. */
  const onOtherBuild = async <T>(id: WorkloadId, work: (otherCtx: BenchContext) => Promise<T>): Promise<T | undefined> => {
    if (other === undefined) return undefined;
    ctx.log(`  ${id} on ${other.label} (${other.script}):`);
    try {
      return await work({ ...ctx, otherBuild: other.script });
    } catch (error) {
      errors[id] = `on ${other.label}: ${error instanceof Error ? error.message : String(error)}`;
      ctx.log(`  ${id} failed ${errors[id]}`);
      return undefined;
    }
  };
  const w5Rate = (): number => {
    const rate = plan.w5Rate ?? Math.round((results.W1?.chatLine.maxRate ?? 0) / 2);
    if (!(rate > 0)) throw new Error('no W1 maximum to take half of (W1 found no passing rate); give --w5-rate');
    return rate;
  };

  if (profile.shareServers) {
    await sharedFanout(plan, ctx, results, run, w5Rate);
  } else {
    // This tree, the other build right after it (the same minutes of the machine), then the baseline.
    const sweepAll = async (id: 'W1' | 'W2', room: typeof profile.w1): Promise<void> => {
      const chatLine = await runFanout(ctx, 'chat-line', room);
      const otherResult = await onOtherBuild(id, (otherCtx) => runFanout(otherCtx, 'chat-line', room));
      if (other && otherResult) other[id] = otherResult;
      results[id] = compareFanout(chatLine, plan.baseline ? await runFanout(ctx, 'baseline', room) : undefined);
    };
    await run('W1', `fan-out, ${profile.w1.clients} clients, ${profile.w1.senders} senders`, () => sweepAll('W1', profile.w1));
    await run('W2', `big room, ${profile.w2.clients} clients, ${profile.w2.senders} senders`, () => sweepAll('W2', profile.w2));
  }
  await run('W3', `idle memory, ${profile.w3.connections} connections`, async () => {
    const chatLine = await runIdleMemory(ctx, 'chat-line');
    const otherResult = await onOtherBuild('W3', (otherCtx) => runIdleMemory(otherCtx, 'chat-line'));
    if (other && otherResult) other.W3 = otherResult;
    results.W3 = plan.baseline && profile.w3.baselineReference ? { chatLine, baseline: await runIdleMemory(ctx, 'baseline') } : { chatLine };
  });
  await run('W4', `durable writes, ${profile.w4.rooms} rooms x 2 members`, async () => {
    results.W4 = await runDurableWrites(ctx);
    const otherResult = await onOtherBuild('W4', runDurableWrites);
    if (other && otherResult) other.W4 = otherResult;
  });
  if (!profile.shareServers) {
    await run('W5', `login storm, ${profile.w5.storm} registrations`, async () => {
      results.W5 = await runLoginStorm(ctx, w5Rate());
    });
  }
  await run('W7', `W1 over IRC: fan-out, ${profile.w1.clients} clients, ${profile.w1.senders} senders`, async () => {
    results.W7 = compareIrc(await runFanout(ctx, 'chat-line-irc', profile.w1), results.W1?.chatLine);
  });
  await run('W8', `W3 over IRC: idle memory, ${profile.w3.connections} IRC connections`, async () => {
    results.W8 = await runIdleMemory(ctx, 'chat-line-irc');
  });
  if (plan.only.includes('W6') && !hasRedisServer) {
    ctx.log(`W6: skipped, it needs a redis-server (${REDIS_MISSING})`);
  } else {
    await run('W6', `cluster fan-out, ${profile.w1.clients} clients, ${profile.w1.senders} senders, over Redis: 1 process, then 2`, async () => {
      results.W6 = await runClusterFanout(ctx);
    });
  }
  await run('W9', `search latency over ${profile.w9.messages.toLocaleString('en-US')} stored messages (SQLite)`, async () => {
    results.W9 = await runSearchLatency(ctx);
  });
}

type Runner = (id: WorkloadId, title: string, work: () => Promise<void>) => Promise<void>;

/** Who sweeps in quick mode: this tree, the other build (--against), the baseline. */
type SweptServer = 'chat-line' | 'other' | 'baseline';

/**
 * Quick mode: on one chat-line server, W1's room is swept, then takes the W5 storm, then
 * grows into W2's room and is swept again; the other build (--against) and the baseline
 * server do W1 then W2. Logins
 * (an scrypt hash each) are most of a quick run's time, and this does each only once.
 */
async function sharedFanout(plan: RunPlan, ctx: BenchContext, results: BenchResults, run: Runner, w5Rate: () => number): Promise<void> {
  const { w1, w2, w5, loginConcurrency, loginTimeoutMs } = ctx.profile;
  if (w2.clients < w1.clients || w2.senders > w1.senders) throw new Error('shareServers needs W2\'s room to contain W1\'s');
  const wanted = (id: WorkloadId): boolean => plan.only.includes(id);
  if (!wanted('W1') && !wanted('W2') && !wanted('W5')) return;
  const found: Record<SweptServer, { W1?: FanoutResult; W2?: FanoutResult }> = { 'chat-line': {}, other: {}, baseline: {} };
  const fanout = wanted('W1') || wanted('W2');
  const servers: SweptServer[] = ['chat-line'];
  if (results.against && fanout) servers.push('other');
  if (plan.baseline && fanout) servers.push('baseline');
  const note = (): void => {
    if (found['chat-line'].W1) results.W1 = compareFanout(found['chat-line'].W1, found.baseline.W1);
    if (found['chat-line'].W2) results.W2 = compareFanout(found['chat-line'].W2, found.baseline.W2);
    if (results.against) Object.assign(results.against, found.other);
  };

  for (const server of servers) {
    const kind: ServerKind = server === 'baseline' ? 'baseline' : 'chat-line';
    const serverCtx: BenchContext = server === 'other' && results.against ? { ...ctx, otherBuild: results.against.script } : ctx;
    const label = server === 'other' ? (results.against?.label ?? server) : server;
    await withRig(rigOptions(serverCtx, kind, w2.clients + w5.storm), async (rig) => {
      let loggedIn = 0;
      await run('W1', `fan-out, ${w1.clients} clients, ${w1.senders} senders (${label})`, async () => {
        found[server].W1 = await sweepRoom(serverCtx, rig, w1);
        loggedIn = w1.clients;
        note();
      });
      if (server === 'chat-line') {
        await run('W5', `login storm, ${w5.storm} registrations, on W1's server`, async () => {
          if (loggedIn < w1.clients) {
            await rig.connectAll(roomClients(w1.clients, w1.senders).slice(loggedIn), loginConcurrency, loginTimeoutMs);
            loggedIn = w1.clients;
          }
          const storm: LoginStormResult = await stormDuringTraffic(ctx, rig, w1, w5Rate());
          results.W5 = storm;
        });
      }
      await run('W2', `big room, ${w2.clients} clients, ${w2.senders} senders (${label}, grown from W1's room)`, async () => {
        found[server].W2 = await sweepRoom(serverCtx, rig, w2, loggedIn);
        note();
      });
    });
  }
}
