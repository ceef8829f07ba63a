import type { ServerKind } from '../protocol.js';
import { sleep, withRig, type ConnectSummary } from '../rig.js';
import { fileLimits } from '../server-process.js';
import { linearSlope } from '../stats.js';
import type { ClientSpec } from '../worker-api.js';
import { rigOptions, type BenchContext } from './context.js';

/** W3's bar: what an idle logged-in connection may cost the server in resident memory (an IRC daemon's is 2-3 KB). */
export const MAX_BYTES_PER_IDLE_CONNECTION = 5 * 1024;

/** W8's bar: the same over IRC, whose sessions keep more per connection (capabilities, modes, the registration). */
export const MAX_BYTES_PER_IDLE_IRC_CONNECTION = 8 * 1024;

/** The bar of a kind of server. */
export function idleBarOf(kind: ServerKind): number {
  return kind === 'chat-line-irc' ? MAX_BYTES_PER_IDLE_IRC_CONNECTION : MAX_BYTES_PER_IDLE_CONNECTION;
}

export interface RssSample {
  connections: number;
  /** RSS as found after the batch settled. */
  rssKb: number;
  /** RSS right after a full GC: what the connections hold, whenever the server last collected. */
  collectedRssKb: number;
}

export interface IdleMemoryResult {
  server: ServerKind;
  /** RSS of the server just started, before any connection (after a full GC), in KiB. */
  startRssKb: number;
  connections: number;
  /** Logged in before the first reading; see runIdleMemory. */
  warmConnections: number;
  samples: RssSample[];
  /** (last RSS - second RSS) / connections added in between, each read after a full GC: the figure held to the bar. */
  bytesPerConnection: number;
  /** Slope of the after-GC RSS over connections across the same readings: less sensitive to one of them. */
  bytesPerConnectionFit: number;
  /**
   * Like bytesPerConnection from RSS as found. It swings with whenever the server last
   * collected garbage (from below zero to several KB between runs), so it is shown only.
   */
  bytesPerConnectionAsFound: number;
  login: ConnectSummary;
  /** Undefined when too few connections were counted to judge (MIN_CONNECTIONS_TO_JUDGE). */
  pass: boolean | undefined;
}

/**
 * A fixed mmap threshold for glibc's malloc in the server. Each login's scrypt hash takes a
 * 16 MiB scratch buffer on a thread-pool thread; with the default (dynamic) threshold glibc
 * soon serves those from per-thread arenas and keeps up to 4 x 16 MiB resident or not,
 * depending on timing, which swamps a per-connection figure. Fixed, large blocks are
 * mmap'd and returned when freed, so RSS follows what connections actually hold.
 */
const STEADY_MALLOC = { MALLOC_MMAP_THRESHOLD_: String(128 * 1024) };

/**
 * V8's young generation at a small fixed size in the server. Left alone it grows to
 * 2 x 16 MiB while logins allocate and gives most of that back whenever V8 sees the
 * process idle, which no GC request forces; either move between two readings would pass
 * for several KB per connection. Connections' objects outlive it (they sit in the old
 * generation), so its size does not change what they cost.
 */
const STEADY_YOUNG_GENERATION = ['--min-semi-space-size=1', '--max-semi-space-size=1'];

/**
 * Fewer connections than this between the counted readings and the figure is not held to
 * the bar (a quick run): a process's own memory moves by a MiB or two between readings,
 * which over a few hundred connections would pass for KB each.
 */
export const MIN_CONNECTIONS_TO_JUDGE = 1000;

/** Sockets the generator keeps for itself (workers, stdio, the server probe). */
const GENERATOR_SPARE_FILES = 200;

function idleClients(from: number, to: number): ClientSpec[] {
  return Array.from({ length: to - from }, (_, i) => ({ nick: `idle${from + i}`, password: `pw-${from + i}`, sender: -1, measure: false }));
}

/**
 * RSS while connections are added in batches, read after each batch has settled, as found
 * and after a full GC. The first reading comes after a warm-up batch: the first logins grow
 * the heap, the hashing threads and SQLite's cache once, which is not a per-connection
 * cost; the figure starts from the second (see below).
 */
export async function runIdleMemory(ctx: BenchContext, kind: ServerKind): Promise<IdleMemoryResult> {
  const { w3, loginConcurrency, loginTimeoutMs } = ctx.profile;
  const { soft } = fileLimits();
  if (w3.connections + GENERATOR_SPARE_FILES > soft) {
    throw new Error(`W3 needs ${w3.connections + GENERATOR_SPARE_FILES} open files in the generator but the limit is ${soft}: run \`ulimit -n 65536\` first`);
  }
  return withRig({ ...rigOptions(ctx, kind, w3.connections), env: STEADY_MALLOC, nodeFlags: STEADY_YOUNG_GENERATION, gcOnSignal: true }, async (rig) => {
    const samples: RssSample[] = [];
    const sample = async (connections: number): Promise<void> => {
      await sleep(w3.settleMs);
      const rssKb = rig.server.rssKb();
      await rig.server.collectGarbage();
      const collectedRssKb = rig.server.rssKb();
      samples.push({ connections, rssKb, collectedRssKb });
      ctx.log(`  ${kind}: ${connections} connections, RSS ${rssKb} KiB, after a full GC ${collectedRssKb} KiB`);
    };
    await sleep(w3.settleMs);
    await rig.server.collectGarbage();
    const startRssKb = rig.server.rssKb();
    ctx.log(`  ${kind}: at start, no connection: RSS ${startRssKb} KiB after a full GC`);
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
    }
    // Counted from the second reading: the first stays high (by 10-30 MiB, GC or not) until
    // what the warm-up's logins freed is handed back to the system during the next batch.
    const counted = samples.slice(1);
    const first = counted[0];
    const last = counted.at(-1);
    if (!first || !last || first === last || !login) throw new Error('W3 needs at least two batches (w3.batches)');
    const between = last.connections - first.connections;
    const bytesPerConnection = Math.round(((last.collectedRssKb - first.collectedRssKb) * 1024) / between);
    const bytesPerConnectionFit = Math.round(linearSlope(counted.map((s) => ({ x: s.connections, y: s.collectedRssKb * 1024 }))));
    const bytesPerConnectionAsFound = Math.round(((last.rssKb - first.rssKb) * 1024) / between);
    ctx.log(`  ${kind}: ${bytesPerConnection} bytes per connection after GC (fit over ${counted.length} readings: ${bytesPerConnectionFit}; as found: ${bytesPerConnectionAsFound})`);
    return {
      server: kind,
      startRssKb,
      connections: w3.connections,
      warmConnections: w3.warmConnections,
      samples,
      bytesPerConnection,
      bytesPerConnectionFit,
      bytesPerConnectionAsFound,
      login,
      // Below zero means the readings moved with something other than the connections: not a pass.
      pass: between < MIN_CONNECTIONS_TO_JUDGE ? undefined : bytesPerConnection >= 0 && bytesPerConnection <= idleBarOf(kind),
    };
  });
}
