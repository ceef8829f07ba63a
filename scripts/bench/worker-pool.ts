import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Method, WorkerApi, WorkerRequest, WorkerResponse } from './worker-api.js';

/** How long a worker gets to close its sockets before it is terminated anyway. */
const CLOSE_TIMEOUT_MS = 5000;

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads are started from a tiny JavaScript bootstrap that registers tsx first:
 * on Node 20 `execArgv: ['--import', 'tsx']` does not give a worker the TypeScript loader
 * (the .ts entry fails with ERR_UNKNOWN_FILE_EXTENSION), while tsx's register API does.
 */
function bootstrapSource(entry: URL): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
}

class LoadWorker {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(readonly thread: Worker) {
    thread.on('message', (response: WorkerResponse) => {
      const call = this.pending.get(response.id);
      if (!call) return;
      this.pending.delete(response.id);
      if (response.ok) call.resolve(response.result);
      else call.reject(new Error(response.error));
    });
    thread.on('error', (error) => {
      this.failAll(error);
    });
    thread.on('exit', (code) => {
      this.failAll(new Error(`load worker exited (code ${code})`));
    });
  }

  call<M extends Method>(method: M, params: WorkerApi[M]['params']): Promise<WorkerApi[M]['result']> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const request: WorkerRequest<M> = { id, method, params };
    return new Promise<WorkerApi[M]['result']>((resolve, reject) => {
      // The worker answers with exactly the result type of `method` (see load-worker.ts).
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.thread.postMessage(request);
    });
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }
}

/** The load-generator threads, and typed calls into them. */
export class WorkerPool {
  private closed = false;

  private constructor(private readonly workers: readonly LoadWorker[]) {}

  static start(count: number): WorkerPool {
    const entry = new URL('./load-worker.ts', import.meta.url);
    const workers = Array.from({ length: count }, () => new LoadWorker(new Worker(bootstrapSource(entry), { eval: true })));
    return new WorkerPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Calls one worker. */
  call<M extends Method>(index: number, method: M, params: WorkerApi[M]['params']): Promise<WorkerApi[M]['result']> {
    const worker = this.workers[index];
    if (!worker) return Promise.reject(new Error(`no load worker ${index}`));
    return worker.call(method, params);
  }

  /** Calls every worker with the same parameters. */
  all<M extends Method>(method: M, params: WorkerApi[M]['params']): Promise<WorkerApi[M]['result'][]> {
    return Promise.all(this.workers.map((worker) => worker.call(method, params)));
  }

  /** Calls every worker with its own parameters. */
  each<M extends Method>(method: M, params: (index: number) => WorkerApi[M]['params']): Promise<WorkerApi[M]['result'][]> {
    return Promise.all(this.workers.map((worker, index) => worker.call(method, params(index))));
  }

  /**
   * Each thread's event-loop utilization (busy fraction): cumulative, or since `previous`
   * (an earlier result of this call). A worker near 1.0 is a generator bottleneck.
   */
  utilization(previous?: readonly EventLoopUtilization[]): EventLoopUtilization[] {
    return this.workers.map((worker, i) => {
      const before = previous?.[i];
      const now = worker.thread.performance.eventLoopUtilization();
      return before ? worker.thread.performance.eventLoopUtilization(now, before) : now;
    });
  }

  /** Closes every client socket, then ends the threads (terminated if they don't answer). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      this.workers.map(async (worker) => {
        const timeout = new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
        await Promise.race([worker.call('closeAll', null).catch(() => undefined), timeout]);
        await worker.thread.terminate();
      }),
    );
  }
}
