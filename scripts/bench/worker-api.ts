import type { ServerKind } from './protocol.js';
import type { HistogramData } from './stats.js';

/**
 * What the main thread can ask a load worker, with the shape of each answer. Requests and
 * answers are plain data (structured clone), so this file is the whole contract.
 */

export interface ClientSpec {
  nick: string;
  password: string;
  /** This client's index among all senders (it goes in every payload), or -1 for a receiver only. */
  sender: number;
  /** Room to join after login (chat-line only); the client's messages then go there. */
  room?: string;
  /** Count and time deliveries; false for clients that only log in (the storm, idle ones). */
  measure: boolean;
  /** Disconnect right after the login completes (the login storm). */
  leaveAfterLogin?: boolean;
  /** Connect from this loopback address (127.x.y.z) rather than 127.0.0.1: a user elsewhere. */
  from?: string;
}

export interface ConnectParams {
  port: number;
  server: ServerKind;
  clients: ClientSpec[];
  /** Logins in flight at once in this worker. */
  concurrency: number;
  /** Per client: connect + login + join. */
  timeoutMs: number;
}

export interface ConnectResult {
  connected: number;
  failed: number;
  /** Logins refused for a busy server (and tried again). */
  busy: number;
  firstError?: string;
  /** Connect to end of login, per client. */
  loginTimes: HistogramData;
  elapsedMs: number;
}

/** Counts keyed by phase number. */
export type PhaseCounts = Record<number, number>;

/** Open loop: messages go out on a fixed schedule whatever the server does. */
export interface OpenLoopParams {
  mode: 'open';
  /** Messages per second across all senders of all workers. */
  rate: number;
  senderCount: number;
  /** Epoch ms of message 0, shared by all workers so their schedules interleave evenly. */
  startAt: number;
  phase: number;
  /** The load stops by itself after this long even if nobody says stop. */
  maxDurationMs: number;
}

/** Closed loop: each sender keeps `window` messages unacknowledged (its own echo is the ack). */
export interface ClosedLoopParams {
  mode: 'closed';
  window: number;
  phase: number;
  maxDurationMs: number;
}

export type LoadParams = OpenLoopParams | ClosedLoopParams;

export interface LoadReport {
  sent: PhaseCounts;
  /** Scheduled but not written because the socket was backed up: counted as lost. */
  skipped: PhaseCounts;
  acked: PhaseCounts;
  ackTimes: Record<number, HistogramData>;
  /** How late the generator sent scheduled messages (open loop). */
  lag: HistogramData;
  /** Closed loop: messages still unacknowledged when the drain timeout ran out. */
  outstanding: number;
  sentBySender: Record<number, number>;
}

export interface CountsResult {
  delivered: PhaseCounts;
  /** Every line received after login, payload or not. */
  lines: number;
  /** Lines after login that were not payloads (notices, errors). */
  other: number;
  /** The first few of those lines. */
  otherSamples: string[];
  /** Logged-in clients whose connection closed without being asked to. */
  dropped: number;
}

export interface StatsResult {
  delivered: PhaseCounts;
  latency: Record<number, HistogramData>;
}

export interface WorkerApi {
  connect: { params: ConnectParams; result: ConnectResult };
  startLoad: { params: LoadParams; result: null };
  setPhase: { params: { phase: number }; result: null };
  stopLoad: { params: { drainTimeoutMs: number }; result: LoadReport };
  counts: { params: null; result: CountsResult };
  stats: { params: { phases: number[] }; result: StatsResult };
  closeAll: { params: null; result: { closed: number } };
}

export type Method = keyof WorkerApi;

export interface WorkerRequest<M extends Method = Method> {
  id: number;
  method: M;
  params: WorkerApi[M]['params'];
}

export type WorkerResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
