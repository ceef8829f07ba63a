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
const SETTINGS: HashThreadSettings = { niceness: HASHING_NICENESS };

interface Queued {
  job: ScryptJob;
  resolve: (key: Buffer) => void;
  reject: (error: Error) => void;
}

/** One worker thread and the job it is on. */
class HashThread {
  private readonly worker = new Worker(WORKER_MODULE, { workerData: SETTINGS });
  private current: Queued | undefined;

  constructor(private readonly onIdle: (thread: HashThread) => void, private readonly onLost: (thread: HashThread) => void) {
    this.worker.unref();
    this.worker.on('message', (reply: ScryptReply) => {
      const done = this.finish();
      if ('key' in reply) done?.resolve(Buffer.from(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength));
      else done?.reject(new Error(reply.error));
      this.onIdle(this);
    });
    this.worker.on('error', (error) => {
      this.finish()?.reject(error);
    });
    this.worker.on('exit', () => {
      this.finish()?.reject(new Error('the password hashing thread stopped'));
      this.onLost(this);
    });
  }

  run(queued: Queued): void {
    this.current = queued;
    // Only a thread with work keeps the process alive.
    this.worker.ref();
    this.worker.postMessage(queued.job);
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

/** Runs scrypt jobs on up to POOL_SIZE low-priority threads, started when first needed. */
class ScryptPool {
  private readonly idle: HashThread[] = [];
  private readonly waiting: Record<HashPriority, Queued[]> = { high: [], low: [] };
  private threads = 0;

  run(job: ScryptJob, priority: HashPriority): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.waiting[priority].push({ job, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.high.length > 0 || this.waiting.low.length > 0) {
      const thread = this.idle.pop() ?? this.start();
      if (!thread) return;
      const next = this.waiting.high.shift() ?? this.waiting.low.shift();
      if (next) thread.run(next);
    }
  }

  private start(): HashThread | undefined {
    if (this.threads >= POOL_SIZE) return undefined;
    this.threads++;
    return new HashThread(
      (thread) => {
        this.idle.push(thread);
        this.dispatch();
      },
      (thread) => {
        this.threads--;
        const at = this.idle.indexOf(thread);
        if (at >= 0) this.idle.splice(at, 1);
        this.dispatch();
      },
    );
  }
}

const pool = new ScryptPool();

export function scryptOffThread(job: ScryptJob, priority: HashPriority = 'high'): Promise<Buffer> {
  return pool.run(job, priority);
}
