import { adapterFor, MAX_PHASE, MAX_SENDERS, UNMEASURED_PHASE, type ProtocolAdapter } from './protocol.js';
import { cpuSecondsOf, ServerProcess, type ServerOptions } from './server-process.js';
import { mergeHistograms, type LatencySummary } from './stats.js';
import type { ClientSpec, ConnectResult } from './worker-api.js';
import { WorkerPool } from './worker-pool.js';

export interface RigOptions extends ServerOptions {
  /** Load-generator threads. */
  workers: number;
  /** Runs before the server starts (waiting for a quiet machine). */
  beforeStart?: () => Promise<void>;
  /** Server processes of one chat (a cluster over Redis, see `extraArgs`); clients are spread over them. Default 1. */
  servers?: number;
  /** Other processes whose CPU time counts as the server's (the Redis a cluster shares). */
  meteredPids?: readonly number[];
}

export interface ConnectSummary {
  connected: number;
  failed: number;
  /** Logins refused for a busy server and tried again (each counts once per refusal). */
  busy: number;
  firstError?: string;
  elapsedMs: number;
  loginTimes: LatencySummary;
}

/**
 * One workload's test bench: a fresh server (or several of one chat) and the
 * load-generator threads, with clients spread over the threads and the servers.
 * `withRig` guarantees all are gone afterwards.
 */
export class Rig {
  private lastPhase = UNMEASURED_PHASE;

  private constructor(
    readonly servers: readonly ServerProcess[],
    readonly pool: WorkerPool,
    readonly adapter: ProtocolAdapter,
    private readonly meteredPids: readonly number[],
  ) {}

  static async start(options: RigOptions): Promise<Rig> {
    const servers: ServerProcess[] = [];
    try {
      for (let i = 0; i < (options.servers ?? 1); i++) servers.push(await ServerProcess.start(options));
      return new Rig(servers, WorkerPool.start(options.workers), adapterFor(options.kind), options.meteredPids ?? []);
    } catch (error) {
      await Promise.all(servers.map((server) => server.stop()));
      for (const server of servers) server.removeData();
      throw error;
    }
  }

  /** The (first) server. */
  get server(): ServerProcess {
    const first = this.servers[0];
    if (!first) throw new Error('a rig without a server');
    return first;
  }

  get workers(): number {
    return this.pool.size;
  }

  /** CPU seconds used so far by the servers (and the processes metered with them). */
  cpuSeconds(): number {
    return sum(this.servers.map((server) => server.cpuSeconds())) + sum(this.meteredPids.map(cpuSecondsOf));
  }

  /** A phase number not used before on this rig (receivers keep counts per phase for the rig's life). */
  nextPhase(): number {
    if (this.lastPhase >= MAX_PHASE) throw new Error(`more than ${MAX_PHASE} phases on one server`);
    return ++this.lastPhase;
  }

  /**
   * Connects and logs in `specs`, client i going to server i mod servers and, of those, to
   * worker j mod workers (so senders are spread too), with at most `concurrency` logins in
   * flight overall.
   */
  async connect(specs: readonly ClientSpec[], concurrency: number, timeoutMs: number): Promise<ConnectSummary> {
    const started = performance.now();
    const perWorker = Math.max(1, Math.ceil(concurrency / (this.workers * this.servers.length)));
    const perServer = await Promise.all(
      this.servers.map((server, s) => {
        const mine = specs.filter((_, i) => i % this.servers.length === s);
        return this.pool.each('connect', (w) => ({
          port: server.port,
          server: server.kind,
          clients: mine.filter((_, j) => j % this.workers === w),
          concurrency: perWorker,
          timeoutMs,
        }));
      }),
    );
    const results: ConnectResult[] = perServer.flat();
    const summary: ConnectSummary = {
      connected: sum(results.map((r) => r.connected)),
      failed: sum(results.map((r) => r.failed)),
      busy: sum(results.map((r) => r.busy)),
      elapsedMs: performance.now() - started,
      loginTimes: mergeHistograms(results.map((r) => r.loginTimes)).summary(),
    };
    const firstError = results.find((r) => r.firstError !== undefined)?.firstError;
    if (firstError !== undefined) summary.firstError = firstError;
    return summary;
  }

  /** Like `connect`, but any failed login is an error: the workload would measure the wrong thing. */
  async connectAll(specs: readonly ClientSpec[], concurrency: number, timeoutMs: number): Promise<ConnectSummary> {
    const summary = await this.connect(specs, concurrency, timeoutMs);
    if (summary.failed > 0) {
      throw new Error(`${summary.failed} of ${specs.length} logins to ${this.server.kind} failed: ${summary.firstError ?? '?'}`);
    }
    return summary;
  }

  async close(): Promise<void> {
    try {
      await this.pool.close();
    } finally {
      await Promise.all(this.servers.map((server) => server.stop()));
    }
  }
}

/** Runs `work` on a fresh rig; the clients, threads, server and data directory are gone afterwards. */
export async function withRig<T>(options: RigOptions, work: (rig: Rig) => Promise<T>): Promise<T> {
  await options.beforeStart?.();
  const rig = await Rig.start(options);
  try {
    return await work(rig);
  } finally {
    await rig.close();
    for (const server of rig.servers) server.removeData();
  }
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Client specs for one room of `clients`, the first `senders` of them sending: u0, u1, ... */
export function roomClients(clients: number, senders: number, prefix = 'u'): ClientSpec[] {
  if (senders > MAX_SENDERS) throw new Error(`at most ${MAX_SENDERS} senders fit in a payload`);
  return Array.from({ length: clients }, (_, i) => ({
    nick: `${prefix}${i}`,
    password: `pw-${prefix}${i}`,
    sender: i < senders ? i : -1,
    measure: true,
  }));
}
