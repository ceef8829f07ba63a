import type { ServerKind } from '../protocol.js';
import { sleep, withRig, type ConnectSummary } from '../rig.js';
import { fileLimits } from '../server-process.js';
import { linearSlope } from '../stats.js';
import type { ClientSpec } from '../worker-api.js';
import { rigOptions, type BenchContext } from './context.js';

/** W3: what an idle logged-in connection costs the server in resident memory. */
export const MAX_BYTES_PER_IDLE_CONNECTION = 8 * 1024;

export interface RssSample {
  connections: number;
  rssKb: number;
}

export interface IdleMemoryResult {
  server: ServerKind;
  connections: number;
  /** Logged in before the first reading; see runIdleMemory. */
  warmConnections: number;
  samples: RssSample[];
  /** (last RSS - first RSS) / connections added. */
  bytesPerConnection: number;
  /** Slope of RSS over connections across all samples: the same figure, less sensitive to one reading. */
  bytesPerConnectionFit: number;
  login: ConnectSummary;
  pass: boolean;
}

/** Sockets the generator keeps for itself (workers, stdio, the server probe). */
const GENERATOR_SPARE_FILES = 200;

function idleClients(from: number, to: number): ClientSpec[] {
  return Array.from({ length: to - from }, (_, i) => ({ nick: `idle${from + i}`, password: `pw-${from + i}`, sender: -1, measure: false }));
}

/**
 * RSS while connections are added in batches, read after each batch has settled. The first
 * reading comes after a warm-up batch: the first logins grow the heap, the thread pool's
 * scrypt buffers and SQLite's cache once, which is not a per-connection cost.
 */
export async function runIdleMemory(ctx: BenchContext, kind: ServerKind): Promise<IdleMemoryResult> {
  const { w3, loginConcurrency, loginTimeoutMs } = ctx.profile;
  const { soft } = fileLimits();
  if (w3.connections + GENERATOR_SPARE_FILES > soft) {
    throw new Error(`W3 needs ${w3.connections + GENERATOR_SPARE_FILES} open files in the generator but the limit is ${soft}: run \`ulimit -n 65536\` first`);
  }
  return withRig(rigOptions(ctx, kind, w3.connections), async (rig) => {
    const samples: RssSample[] = [];
    const sample = async (connections: number): Promise<void> => {
      await sleep(w3.settleMs);
      samples.push({ connections, rssKb: rig.server.rssKb() });
    };
    await rig.connectAll(idleClients(0, w3.warmConnections), loginConcurrency, loginTimeoutMs);
    await sample(w3.warmConnections);
    const added = w3.connections - w3.warmConnections;
    let login: ConnectSummary | undefined;
    let connected = w3.warmConnections;
    for (let batch = 1; batch <= w3.batches; batch++) {
      const upTo = w3.warmConnections + Math.round((added * batch) / w3.batches);
      login = await rig.connectAll(idleClients(connected, upTo), loginConcurrency, loginTimeoutMs);
      connected = upTo;
      await sample(connected);
      ctx.log(`  ${kind}: ${connected} connections, RSS ${samples.at(-1)?.rssKb ?? '?'} KiB`);
    }
    const first = samples[0];
    const last = samples.at(-1);
    if (!first || !last || !login) throw new Error('W3 needs at least one batch (w3.batches)');
    const bytesPerConnection = Math.round(((last.rssKb - first.rssKb) * 1024) / added);
    const bytesPerConnectionFit = Math.round(linearSlope(samples.map((s) => ({ x: s.connections, y: s.rssKb * 1024 }))));
    ctx.log(`  ${kind}: ${bytesPerConnection} bytes per connection (fit over ${samples.length} readings: ${bytesPerConnectionFit})`);
    return {
      server: kind,
      connections: w3.connections,
      warmConnections: w3.warmConnections,
      samples,
      bytesPerConnection,
      bytesPerConnectionFit,
      login,
      pass: bytesPerConnection <= MAX_BYTES_PER_IDLE_CONNECTION,
    };
  });
}
