import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HashThreadSettings, ScryptJob, ScryptReply } from './scrypt-worker.js';

/**
 * Threads hashing at once. scrypt is CPU-bound: a login storm would otherwise take every
 * core, and the chat of everyone already logged in would stall. One core is always left
 * to the event loop.
 */
export const POOL_SIZE = Math.max(1, availableParallelism() - 1);

/**
 * Niceness of a hashing thread (Linux, where it is per thread). The event loop, at 0, then
 * gets the CPU first when the machine is busy: under load a login waits a little longer
 * rather than every logged-in user's messages.
 */
export const HASHING_NICENESS = 10;

/**
 * The thread's module, compiled next to this one (dist/, dist-bench/). Run from the
 * TypeScript sources, the loader maps it to scrypt-worker.ts, provided the worker has the
 * loader: on Node 20 a worker does not inherit tsx's hooks, so the tests register them in
 * every worker (spec/helpers/worker-loader.mjs).
 */
const WORKER_MODULE = new URL('./scrypt-worker.js', import.meta.url);

interface Queued {
  job: ScryptJob;
  resolve: (key: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * A job turned away: it would have waited longer than the pool's `maxWaitMs` for a thread.
 * A login storm is answered "busy, try again in a few seconds" at once, rather than with a
 * wait that grows with the storm (500 registrations at once used to wait up to a minute).
 */
export class HashingBusy extends Error {
  constructor(
    /** How long the job would have waited. */
    readonly waitMs: number,
  ) {
    super(`password hashing is busy: about ${Math.ceil(waitMs / 1000)} s of work waiting`);
  }
}

/** A hash's time before any is measured: scrypt at N=2^14, r=8 takes 50-150 ms on one core. */
const FIRST_ESTIMATE_MS = 100;

/** How much each finished hash moves the running estimate of a hash's time. */
const ESTIMATE_WEIGHT = 0.2;

interface ThreadEvents {
  idle(thread: HashThread): void;
  /** A job took this long, from being handed to the thread to its answer. */
  measured(ms: number): void;
  lost(thread: HashThread): void;
}

/** One worker thread and the job it is on. */
class HashThread {
  private readonly worker: Worker;
  private current: Queued | undefined;
  private startedAt = 0;

  constructor(
    module: URL,
    settings: HashThreadSettings,
    events: ThreadEvents,
    private readonly now: () => number,
  ) {
    this.worker = new Worker(module, { workerData: settings });
    this.worker.unref();
    this.worker.on('message', (reply: ScryptReply) => {
      const tookMs = this.now() - this.startedAt;
      const done = this.finish();
      if (done) events.measured(tookMs);
      if ('key' in reply) done?.resolve(Buffer.from(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength));
      else done?.reject(new Error(reply.error));
      events.idle(this);
    });
    // Its module could not load, or it ran out of memory: the job fails with it.
    this.worker.on('error', (error) => {
      this.finish()?.reject(error);
    });
    this.worker.on('exit', () => {
      this.finish()?.reject(new Error('the password hashing thread stopped'));
      events.lost(this);
    });
  }

  run(queued: Queued): void {
    this.current = queued;
    this.startedAt = this.now();
    // Only a thread with work keeps the process alive.
    this.worker.ref();
    this.worker.postMessage(queued.job);
  }

  /** Resolves once the thread has exited; its job, if any, is rejected. */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private finish(): Queued | undefined {
    const done = this.current;
    this.current = undefined;
    this.worker.unref();
    return done;
  }
}

/**
 * Which queue a job waits in. `low` is for checks from where wrong passwords are on record
 * (login-throttle.ts): while someone guesses, everyone else's logins go first.
 */
export type HashPriority = 'high' | 'low';

export interface ScryptPoolOptions {
  /** At most this many threads (POOL_SIZE). */
  size?: number;
  /** The threads' module (WORKER_MODULE): tests give one that cannot load. */
  module?: URL;
  /**
   * Turn a job away (HashingBusy) when it would wait longer than this for a thread, going
   * by how long hashes have been taking; 0: never (DEFAULT_MAX_HASH_WAIT_MS).
   */
  maxWaitMs?: number;
  /** A monotonic clock in ms (performance.now): what hashes take is measured with it. */
  now?: () => number;
}

export const DEFAULT_MAX_HASH_WAIT_MS = 5000;

/**
 * Runs scrypt jobs on up to `size` low-priority threads, started when first needed. Its
 * owner (the server's start-up) closes it, which ends every thread.
 */
export class ScryptPool {
  private readonly size: number;
  private readonly module: URL;
  private readonly idle: HashThread[] = [];
  private readonly live = new Set<HashThread>();
  private readonly waiting: Record<HashPriority, Queued[]> = { high: [], low: [] };
  private closing: Promise<void> | undefined;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  /** What a hash has been taking lately (a moving average). */
  private hashMs = FIRST_ESTIMATE_MS;

  constructor(options: ScryptPoolOptions = {}) {
    this.size = options.size ?? POOL_SIZE;
    this.module = options.module ?? WORKER_MODULE;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_HASH_WAIT_MS;
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * How long a job of `priority` given now would wait for a thread: none while one is free;
   * otherwise one hash for each round of the jobs ahead of it (a high job has only the high
   * ones ahead), plus one for the jobs running now.
   */
  expectedWaitMs(priority: HashPriority): number {
    if (this.idle.length > 0 || this.live.size < this.size) return 0;
    const ahead = this.waiting.high.length + (priority === 'low' ? this.waiting.low.length : 0);
    return (Math.floor(ahead / this.size) + 1) * this.hashMs;
  }

  /** Threads running now, busy or idle. */
  get threads(): number {
    return this.live.size;
  }

  run(job: ScryptJob, priority: HashPriority): Promise<Buffer> {
    if (this.closing) return Promise.reject(new Error('password hashing has shut down'));
    const waitMs = this.expectedWaitMs(priority);
    if (this.maxWaitMs > 0 && waitMs > this.maxWaitMs) return Promise.reject(new HashingBusy(waitMs));
    return new Promise((resolve, reject) => {
      this.waiting[priority].push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** Turns down the jobs still waiting, ends every thread (their jobs are turned down too) and resolves once they are gone. */
  close(): Promise<void> {
    this.closing ??= this.end();
    return this.closing;
  }

  private async end(): Promise<void> {
    const error = new Error('password hashing has shut down');
    for (const queued of [...this.waiting.high.splice(0), ...this.waiting.low.splice(0)]) queued.reject(error);
    await Promise.all([...this.live].map((thread) => thread.stop()));
  }

  private dispatch(): void {
    while (!this.closing && (this.waiting.high.length > 0 || this.waiting.low.length > 0)) {
      const thread = this.idle.pop() ?? this.start();
      if (!thread) return;
      const next = this.waiting.high.shift() ?? this.waiting.low.shift();
      if (next) thread.run(next);
    }
  }

  private start(): HashThread | undefined {
    if (this.live.size >= this.size) return undefined;
    const thread = new HashThread(this.module, { niceness: HASHING_NICENESS }, {
      measured: (ms) => {
        this.hashMs += ESTIMATE_WEIGHT * (ms - this.hashMs);
      },
      idle: (done) => {
        this.idle.push(done);
        this.dispatch();
      },
      lost: (gone) => {
        this.live.delete(gone);
        const at = this.idle.indexOf(gone);
        if (at >= 0) this.idle.splice(at, 1);
        this.dispatch();
      },
    }, this.now);
    this.live.add(thread);
    return thread;
  }
}
