import type { StepTiming } from './fanout-step.js';
import type { SweepOptions } from './sweep.js';

/**
 * How big and how long each workload is. `full` is the run for the notes (several
 * minutes, mostly logins: every chat-line login is an scrypt hash, ~25 ms of CPU);
 * `quick` checks a change in under a minute with smaller rooms and shorter steps, so its
 * figures are indicative only.
 */
export interface Profile {
  name: 'quick' | 'full';
  /**
   * Run W1, the W5 storm and W2 one after the other on one server per kind, growing W1's
   * room into W2's, instead of a fresh server each: it saves most logins (quick mode).
   */
  shareServers: boolean;
  step: StepTiming;
  sweep: Omit<SweepOptions, 'startRate'>;
  /** Logins in flight at once while setting up (the server hashes on 4 threads anyway). */
  loginConcurrency: number;
  loginTimeoutMs: number;
  /** Waiting for other programs to leave the CPU (see noise.ts); waitMs 0 turns it off. */
  quiet: { waitMs: number; budgetMs: number };
  /** How often a failed measurement is repeated when other programs competed for the CPU. */
  noisyRetries: number;
  w1: { clients: number; senders: number; startRate: number };
  w2: { clients: number; senders: number; startRate: number };
  /** baselineReference: also measure the baseline's idle memory, for reference (not in a quick run, too small to tell). */
  w3: { connections: number; warmConnections: number; batches: number; settleMs: number; baselineReference: boolean };
  w4: { rooms: number; window: number; warmupMs: number; measureMs: number; drainTimeoutMs: number };
  w5: { storm: number; warmupMs: number; beforeMs: number; afterMs: number; stormTimeoutMs: number };
  /** Messages stored before the searches, and how many searches are timed (after the warm-up ones). */
  w9: { messages: number; queries: number; warmupQueries: number };
}

export const FULL: Profile = {
  name: 'full',
  shareServers: false,
  step: { warmupMs: 1000, measureMs: 3000, drainTimeoutMs: 2000, settleTimeoutMs: 30_000 },
  sweep: { maxRate: 200_000, minRate: 10, maxSteps: 20, bisections: 4, resolution: 0.05 },
  loginConcurrency: 32,
  loginTimeoutMs: 120_000,
  quiet: { waitMs: 60_000, budgetMs: 240_000 },
  noisyRetries: 1,
  w1: { clients: 200, senders: 20, startRate: 250 },
  w2: { clients: 1000, senders: 10, startRate: 100 },
  w3: { connections: 5000, warmConnections: 200, batches: 4, settleMs: 2000, baselineReference: true },
  w4: { rooms: 50, window: 16, warmupMs: 1000, measureMs: 5000, drainTimeoutMs: 5000 },
  w5: { storm: 500, warmupMs: 1000, beforeMs: 2000, afterMs: 2000, stormTimeoutMs: 120_000 },
  w9: { messages: 1_000_000, queries: 300, warmupQueries: 30 },
};

export const QUICK: Profile = {
  name: 'quick',
  shareServers: true,
  step: { warmupMs: 250, measureMs: 750, drainTimeoutMs: 500, settleTimeoutMs: 3000 },
  sweep: { maxRate: 200_000, minRate: 10, maxSteps: 3, bisections: 1, resolution: 0.2 },
  loginConcurrency: 32,
  loginTimeoutMs: 60_000,
  quiet: { waitMs: 0, budgetMs: 0 },
  noisyRetries: 0,
  w1: { clients: 200, senders: 20, startRate: 4000 },
  w2: { clients: 250, senders: 10, startRate: 4000 },
  w3: { connections: 60, warmConnections: 20, batches: 2, settleMs: 100, baselineReference: false },
  w4: { rooms: 16, window: 16, warmupMs: 300, measureMs: 1500, drainTimeoutMs: 2000 },
  w5: { storm: 30, warmupMs: 200, beforeMs: 500, afterMs: 500, stormTimeoutMs: 30_000 },
  w9: { messages: 100_000, queries: 100, warmupQueries: 10 },
};
