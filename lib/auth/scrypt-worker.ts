import { scryptSync } from 'node:crypto';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * One password hashing thread of the pool (scrypt-pool.ts starts it from the compiled
 * scrypt-worker.js next to it). It lowers its own priority once, then hashes one job per
 * message, answering each with the key or the reason scrypt refused.
 */

export interface ScryptJob {
  password: string;
  salt: Uint8Array;
  keyLength: number;
  options: { N: number; r: number; p: number; maxmem: number };
}

export type ScryptReply = { key: Uint8Array } | { error: string };

/** What the pool hands each thread as its workerData. */
export interface HashThreadSettings {
  /** Niceness to run at (Linux, where it is per thread). */
  niceness: number;
}

const port = parentPort;
if (!port) throw new Error('scrypt-worker runs as a worker thread of the scrypt pool, not on its own');
const settings = workerData as HashThreadSettings;

if (process.platform === 'linux') {
  try {
    // Pid 0 is the calling thread on Linux: only this one is lowered, not the event loop.
    setPriority(0, settings.niceness);
  } catch {
    // Not allowed here (a container without the right): hashing still works, at normal priority.
  }
}

port.on('message', (job: ScryptJob) => {
  let reply: ScryptReply;
  try {
    reply = { key: scryptSync(job.password, job.salt, job.keyLength, job.options) };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
