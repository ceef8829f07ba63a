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

interface ThreadEvents {
  idle(thread: HashThread): void;
  lost(thread: HashThread): void;
}

/** One worker thread and the job it is on. */
class HashThread {
  private readonly worker: Worker;
  private current: Queued | undefined;

  constructor(module: URL, settings: HashThreadSettings, events: ThreadEvents) {
    this.worker = new Worker(module, { workerData: settings });
    this.worker.unref();
    this.worker.on('message', (reply: ScryptReply) => {
      const done = this.finish();
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
}

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

  constructor(options: ScryptPoolOptions = {}) {
    this.size = options.size ?? POOL_SIZE;
    this.module = options.module ?? WORKER_MODULE;
  }

  /** Threads running now, busy or idle. */
  get threads(): number {
    return this.live.size;
  }

  run(job: ScryptJob, priority: HashPriority): Promise<Buffer> {
    if (this.closing) return Promise.reject(new Error('password hashing has shut down'));
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
    });
    this.live.add(thread);
    return thread;
  }
}
