/**
 * A load-generator thread: owns a share of the simulated clients, sends what the main
 * thread's schedule says and counts and times what its clients receive. Started by
 * WorkerPool; answers the requests described in worker-api.ts.
 */
import { parentPort } from 'node:worker_threads';
import { adapterFor, PayloadParser } from './protocol.js';
import type { LoadParams, Method, WorkerApi, WorkerRequest, WorkerResponse } from './worker-api.js';
import type { BenchClient, ClientEvents } from './worker/bench-client.js';
import { ClosedLoopLoad } from './worker/closed-loop.js';
import { connectAll } from './worker/connect-all.js';
import { DeliveryStats } from './worker/delivery-stats.js';
import { OpenLoopLoad } from './worker/open-loop.js';

const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread (see worker-pool.ts)');

const clients: BenchClient[] = [];
const stats = new DeliveryStats();
const parser = new PayloadParser();
let load: OpenLoopLoad | ClosedLoopLoad | undefined;

const events: ClientEvents = {
  payload(client, payload, receivedAt) {
    stats.delivery(payload.phase, receivedAt - payload.sentAtMicros / 1000);
    if (load instanceof ClosedLoopLoad && payload.sender === client.spec.sender) {
      load.echo(client, payload.phase, payload.sentAtMicros, receivedAt);
    }
  },
  otherLine(_client, text) {
    stats.otherLine(text);
  },
  chunkDone(client) {
    if (load instanceof ClosedLoopLoad) load.topUp(client);
  },
  dropped() {
    stats.drop();
  },
};

/** The first `count` senders (a room grown from W1's into W2's keeps W1's extra senders idle). */
function senders(count: number): BenchClient[] {
  return clients.filter((client) => client.spec.sender >= 0 && client.spec.sender < count);
}

function startLoad(params: LoadParams): null {
  if (load) throw new Error('a load is already running; stop it first');
  load = params.mode === 'open' ? new OpenLoopLoad(senders(params.senderCount), params) : new ClosedLoopLoad(senders(Infinity), params);
  load.start();
  return null;
}

const handlers: { [M in Method]: (params: WorkerApi[M]['params']) => Promise<WorkerApi[M]['result']> | WorkerApi[M]['result'] } = {
  connect: (params) =>
    connectAll(
      params.clients,
      { port: params.port, adapter: adapterFor(params.server), parser, events, concurrency: params.concurrency, timeoutMs: params.timeoutMs },
      clients,
    ),
  startLoad,
  setPhase: ({ phase }) => {
    load?.setPhase(phase);
    return null;
  },
  stopLoad: async ({ drainTimeoutMs }) => {
    const current = load;
    if (!current) throw new Error('no load is running');
    const report = current instanceof ClosedLoopLoad ? await current.stop(drainTimeoutMs) : current.stop();
    load = undefined;
    return report;
  },
  counts: () => stats.counts(),
  stats: ({ phases }) => stats.stats(phases),
  closeAll: () => {
    load?.halt();
    load = undefined;
    const closed = clients.length;
    for (const client of clients.splice(0)) client.close();
    return { closed };
  },
};

async function handle<M extends Method>(request: WorkerRequest<M>): Promise<WorkerResponse> {
  try {
    const result = await handlers[request.method](request.params);
    return { id: request.id, ok: true, result };
  } catch (error) {
    return { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

port.on('message', (request: WorkerRequest) => {
  void handle(request).then((response) => {
    port.postMessage(response);
  });
});
