import type { PayloadParser, ProtocolAdapter } from '../protocol.js';
import { Histogram } from '../stats.js';
import type { ClientSpec, ConnectResult } from '../worker-api.js';
import { BenchClient, type ClientEvents } from './bench-client.js';

export interface ConnectAllOptions {
  port: number;
  adapter: ProtocolAdapter;
  parser: PayloadParser;
  events: ClientEvents;
  concurrency: number;
  timeoutMs: number;
}

/**
 * Logs clients in with at most `concurrency` logins in flight. Clients that made it are
 * added to `into` (unless they leave right after logging in); failures are counted, not
 * thrown, so one refused login does not hide how the others went.
 */
export async function connectAll(specs: readonly ClientSpec[], options: ConnectAllOptions, into: BenchClient[]): Promise<ConnectResult> {
  const started = performance.now();
  const loginTimes = new Histogram();
  let next = 0;
  let connected = 0;
  let failed = 0;
  let busy = 0;
  let firstError: string | undefined;

  const runner = async (): Promise<void> => {
    // Each runner takes the next spec until none is left: at most specs.length iterations in all.
    while (next < specs.length) {
      const spec = specs[next++];
      if (!spec) break;
      const client = new BenchClient(spec, options.adapter, options.parser, options.events);
      const t0 = performance.now();
      try {
        await client.open(options.port, options.timeoutMs);
        loginTimes.record(performance.now() - t0);
        connected++;
        if (spec.leaveAfterLogin) client.close();
        else into.push(client);
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      busy += client.busyRefusals;
    }
  };
  const runners = Math.max(1, Math.min(options.concurrency, specs.length));
  await Promise.all(Array.from({ length: runners }, runner));
  const result: ConnectResult = { connected, failed, busy, loginTimes: loginTimes.toData(), elapsedMs: performance.now() - started };
  if (firstError !== undefined) result.firstError = firstError;
  return result;
}
