import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Counter, Histogram, Registry } from 'prom-client';
import type { ChatInstruments } from '../chat/chat-core.js';
import type { MessageRecord } from '../store/records.js';

/** Live numbers the gauges read at each scrape. */
export interface MetricSources {
  connections: () => number;
  usersOnline: () => number;
  rooms: () => number;
}

type PromClient = typeof import('prom-client');

/**
 * The server's Prometheus metrics, in a registry of its own (not prom-client's global
 * one), so that several servers in one process, as in the tests, keep theirs apart.
 * Counters are fields with a typed API: a feature that refuses or bans increments
 * `metrics.rateLimitRefusals` or `metrics.bans` and nothing else needs to change.
 * Made only for a server with an HTTP endpoint to show them (`--http-port`), and
 * prom-client is loaded then: it is some 13 MB of resident memory.
 */
export class Metrics implements ChatInstruments {
  readonly registry: Registry;
  readonly connections: Counter;
  readonly logins: Counter;
  readonly loginFailures: Counter<'reason'>;
  readonly messages: Counter<'kind'>;
  readonly deliveries: Counter;
  readonly slowConsumers: Counter;
  readonly rateLimitRefusals: Counter;
  readonly bans: Counter;
  readonly storeAppendSeconds: Histogram;

  static async create(): Promise<Metrics> {
    return new Metrics(await import('prom-client'));
  }

  private constructor(private readonly prom: PromClient) {
    const registers = [(this.registry = new prom.Registry())];
    this.connections = this.counter('chat_line_connections_total', 'Connections accepted, plain and TLS.');
    this.logins = this.counter('chat_line_logins_total', 'Successful logins (registrations included).');
    this.loginFailures = new prom.Counter({
      name: 'chat_line_login_failures_total',
      help: 'Refused logins, by reason: wrong_password or throttled.',
      labelNames: ['reason'] as const,
      registers,
    });
    this.messages = new prom.Counter({ name: 'chat_line_messages_total', help: 'Messages stored, by kind (room, private).', labelNames: ['kind'] as const, registers });
    this.deliveries = this.counter('chat_line_deliveries_total', 'Message lines written to sessions.');
    this.slowConsumers = this.counter('chat_line_slow_consumers_dropped_total', 'Sessions closed because they stopped reading.');
    this.rateLimitRefusals = this.counter('chat_line_rate_limit_refusals_total', 'Sends refused by a rate limit.');
    this.bans = this.counter('chat_line_bans_total', 'Bans imposed (by reports).');
    this.storeAppendSeconds = new prom.Histogram({
      name: 'chat_line_store_append_seconds',
      help: 'Time to store one batch of messages (one transaction).',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    // Every label value shows from the start (as 0), so rates and alerts need no special case.
    for (const reason of ['wrong_password', 'throttled']) this.loginFailures.inc({ reason }, 0);
    for (const kind of ['room', 'private']) this.messages.inc({ kind }, 0);
  }

  /** Gauges of a running server's state, read from `sources` when scraped. */
  watch(sources: MetricSources): void {
    this.gauge('chat_line_connections', 'Open connections (sessions).', sources.connections);
    this.gauge('chat_line_users_online', 'Users with at least one session on this server.', sources.usersOnline);
    this.gauge('chat_line_rooms', 'Rooms.', sources.rooms);
  }

  /**
   * Samples event-loop delay (perf_hooks) for `chat_line_event_loop_lag_seconds`, the
   * mean, p99 and max since the previous scrape. Returns the function that stops it.
   */
  monitorEventLoop(): () => void {
    const resolutionMs = 10;
    const delay = monitorEventLoopDelay({ resolution: resolutionMs });
    delay.enable();
    const gauge = new this.prom.Gauge({
      name: 'chat_line_event_loop_lag_seconds',
      help: 'Event-loop delay since the previous scrape, by stat (mean, p99, max).',
      labelNames: ['stat'] as const,
      registers: [this.registry],
      collect: () => {
        // The histogram holds the time between ticks of a timer that fires every resolutionMs,
        // in nanoseconds: the lag is what exceeds the interval. No sample yet reads as NaN.
        const seconds = (ns: number): number => (Number.isFinite(ns) ? Math.max(0, ns / 1e6 - resolutionMs) / 1e3 : 0);
        gauge.set({ stat: 'mean' }, seconds(delay.mean));
        gauge.set({ stat: 'p99' }, seconds(delay.percentile(99)));
        gauge.set({ stat: 'max' }, seconds(delay.max));
        delay.reset();
      },
    });
    return () => {
      delay.disable();
    };
  }

  async timeAppend<T>(write: () => Promise<T>): Promise<T> {
    const stop = this.storeAppendSeconds.startTimer();
    try {
      return await write();
    } finally {
      stop();
    }
  }

  stored(records: readonly MessageRecord[]): void {
    for (const record of records) this.messages.inc({ kind: record.kind });
  }

  delivered(lines: number): void {
    if (lines > 0) this.deliveries.inc(lines);
  }

  private counter(name: string, help: string): Counter {
    return new this.prom.Counter({ name, help, registers: [this.registry] });
  }

  private gauge(name: string, help: string, read: () => number): void {
    const gauge = new this.prom.Gauge({
      name,
      help,
      registers: [this.registry],
      collect: () => {
        gauge.set(read());
      },
    });
  }
}
