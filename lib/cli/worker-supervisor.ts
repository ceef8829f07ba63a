import type { Clock, Timer } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

/** What the supervisor needs of a worker process (a node:cluster Worker in real life). */
export interface WorkerHandle {
  readonly pid: number | undefined;
  kill(signal: NodeJS.Signals): void;
  onExit(handler: (code: number | null, signal: string | null) => void): void;
}

export interface WorkerSupervisorOptions {
  count: number;
  fork(): WorkerHandle;
  clock: Clock;
  logger: Logger;
  /** Called once every worker has exited after `stop`. */
  onStopped(): void;
}

/** The first restart of a worker that died waits this long; each quick death again doubles it. */
export const FIRST_RESTART_MS = 500;
export const MAX_RESTART_MS = 30_000;
/** A worker that ran this long before dying is restarted after the shortest wait again. */
export const STABLE_MS = 60_000;

interface Slot {
  worker: WorkerHandle | undefined;
  startedAt: number;
  /** Deaths in a row, each soon after its start. */
  failures: number;
  restart: Timer | undefined;
}

/**
 * Keeps `count` worker processes running: forks them, restarts one that dies (waiting
 * longer each time it dies again soon, so a server that cannot start does not spin), and
 * on `stop` asks each to shut down gracefully and reports when all are gone.
 */
export class WorkerSupervisor {
  private readonly slots: Slot[] = [];
  private stopping = false;
  private stopped = false;

  constructor(private readonly options: WorkerSupervisorOptions) {}

  start(): void {
    for (let i = 0; i < this.options.count; i++) {
      const slot: Slot = { worker: undefined, startedAt: 0, failures: 0, restart: undefined };
      this.slots.push(slot);
      this.fork(slot);
    }
  }

  /** Graceful shutdown: SIGTERM to every worker (SIGKILL with `force`); restarts are off. */
  stop(force = false): void {
    this.stopping = true;
    for (const slot of this.slots) {
      if (slot.restart) this.options.clock.clearTimeout(slot.restart);
      slot.restart = undefined;
      slot.worker?.kill(force ? 'SIGKILL' : 'SIGTERM');
    }
    this.checkStopped();
  }

  get running(): number {
    return this.slots.filter((slot) => slot.worker !== undefined).length;
  }

  private fork(slot: Slot): void {
    const worker = this.options.fork();
    slot.worker = worker;
    slot.startedAt = this.options.clock.now();
    this.options.logger.info('worker.started', { pid: worker.pid });
    worker.onExit((code, signal) => {
      slot.worker = undefined;
      if (this.stopping) {
        this.checkStopped();
        return;
      }
      const lived = this.options.clock.now() - slot.startedAt;
      slot.failures = lived >= STABLE_MS ? 1 : slot.failures + 1;
      const delay = Math.min(FIRST_RESTART_MS * 2 ** (slot.failures - 1), MAX_RESTART_MS);
      this.options.logger.warn('worker.died', { pid: worker.pid, code, signal, restartInMs: delay });
      slot.restart = this.options.clock.setTimeout(() => {
        slot.restart = undefined;
        if (!this.stopping) this.fork(slot);
      }, delay);
    });
  }

  private checkStopped(): void {
    if (!this.stopping || this.stopped || this.running > 0) return;
    this.stopped = true;
    this.options.onStopped();
  }
}
