import type { ClusterFanoutResult } from './workloads/cluster-fanout.js';
import type { DurableWritesResult } from './workloads/durable-writes.js';
import type { FanoutResult } from './workloads/fanout.js';
import type { IdleMemoryResult } from './workloads/idle-memory.js';
import type { LoginStormResult } from './workloads/login-storm.js';
import type { SearchLatencyResult } from './workloads/search-latency.js';

/** chat-line's maximum fan-out rate must be at least this share of the bare baseline's. */
export const MIN_BASELINE_RATIO = 0.5;

export interface FanoutComparison {
  chatLine: FanoutResult;
  baseline?: FanoutResult;
  /** chat-line's max rate / the baseline's (undefined without a baseline run). */
  ratio?: number;
  pass?: boolean;
}

/** W1 over IRC must reach at least this share of W1's maximum over the line protocol, on the same run. */
export const MIN_IRC_RATIO = 0.8;

/** W7: W1's room over IRC, held to W1's line-protocol figure of the same run. */
export interface IrcFanoutComparison {
  irc: FanoutResult;
  /** IRC max rate / the line protocol's (undefined when W1 did not run). */
  ratio?: number;
  pass?: boolean;
}

export interface IdleMemoryComparison {
  chatLine: IdleMemoryResult;
  /** For reference only: what a bare Node socket costs. */
  baseline?: IdleMemoryResult;
}

/**
 * The same workloads on another chat-line build in the same run (--against): an older
 * commit's figures beside this tree's, measured on the same machine in the same hour.
 */
export interface OtherBuildResults {
  /** Which build: its commit, or its script's path outside git. */
  label: string;
  script: string;
  W1?: FanoutResult;
  W2?: FanoutResult;
  W3?: IdleMemoryResult;
  W4?: DurableWritesResult;
}

/** The workloads --against runs on the other build too. */
export const OTHER_BUILD_WORKLOADS = ['W1', 'W2', 'W3', 'W4'] as const;

/** Everything one run measured; written to bench-results.json as is. */
export interface BenchResults {
  W1?: FanoutComparison;
  W2?: FanoutComparison;
  W3?: IdleMemoryComparison;
  W4?: DurableWritesResult;
  W5?: LoginStormResult;
  W6?: ClusterFanoutResult;
  /** W1 over IRC. */
  W7?: IrcFanoutComparison;
  /** W3 over IRC: idle memory per IRC connection. */
  W8?: IdleMemoryResult;
  /** Search latency over a million stored messages in SQLite. */
  W9?: SearchLatencyResult;
  against?: OtherBuildResults;
}

export type WorkloadId = Exclude<keyof BenchResults, 'against'>;
export const WORKLOADS: readonly WorkloadId[] = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8', 'W9'];

export function compareFanout(chatLine: FanoutResult, baseline: FanoutResult | undefined): FanoutComparison {
  if (!baseline) return { chatLine };
  const ratio = baseline.maxRate > 0 ? chatLine.maxRate / baseline.maxRate : 0;
  return { chatLine, baseline, ratio, pass: ratio >= MIN_BASELINE_RATIO };
}

export function compareIrc(irc: FanoutResult, line: FanoutResult | undefined): IrcFanoutComparison {
  if (!line) return { irc };
  const ratio = line.maxRate > 0 ? irc.maxRate / line.maxRate : 0;
  return { irc, ratio, pass: ratio >= MIN_IRC_RATIO };
}
