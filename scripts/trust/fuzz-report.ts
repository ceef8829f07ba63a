import type { Canary } from './canary.js';
import type { FuzzStats } from './fuzz-stats.js';
import type { MemoryReading } from './memory-probe.js';
import { mib, num, type TableRow } from './text-table.js';
import type { RunBudget } from './run-budget.js';
import type { SecretPair } from './secret-pair.js';
import type { SecretWatch } from './secret-watch.js';
import type { ServerLog } from './server-log.js';

export interface FuzzOutcome {
  stats: FuzzStats;
  budget: RunBudget;
  canary: Canary;
  canaryDropped: boolean;
  pair: SecretPair;
  pairDropped: boolean;
  watch: SecretWatch;
  log: ServerLog;
  /** How the server ended before we stopped it, if it did: a crash. */
  crash: string | undefined;
  /** Exit code after SIGTERM at the end (0 = clean shutdown). */
  shutdown: string;
  /** Server RSS as found, and its memory right after full garbage collections. */
  memory: { startKb: number; startAfterGc: MemoryReading | undefined; endKb: number | undefined; peakKb: number | undefined; endAfterGc: MemoryReading | undefined };
  cpuSeconds: { generator: number; server: number | undefined };
  fuzzSeconds: number;
  totalSeconds: number;
}

/**
 * Why the run failed, as a user would notice: a crash, a leak, a server that stopped
 * answering, a private message that did not arrive. Empty when it passed.
 */
export function failures(outcome: FuzzOutcome): string[] {
  const reasons: string[] = [];
  if (outcome.crash !== undefined) reasons.push(`the server crashed (${outcome.crash})`);
  if (outcome.watch.leaks > 0) reasons.push(`${outcome.watch.leaks} secret(s) reached fuzz connections`);
  if (outcome.canary.misses > 0) reasons.push(`the canary missed ${outcome.canary.misses} echo(es)`);
  if (outcome.canaryDropped) reasons.push('the canary was disconnected');
  if (outcome.pair.missing > 0 || outcome.pairDropped) reasons.push(`${outcome.pair.missing} private message(s) did not reach their recipient${outcome.pairDropped ? ' (a private user was disconnected)' : ''}`);
  return reasons;
}

/** What is worth a look but fails nothing: internal errors the server logged and survived. */
export function notes(outcome: FuzzOutcome): string[] {
  const kinds = outcome.log.errorKinds.size;
  return outcome.log.errors > 0 ? [`${outcome.log.errors} ERROR line(s) in the server log, ${kinds} kind(s): internal errors, each a bug to look at`] : [];
}

function seconds(value: number): string {
  return Number.isNaN(value) ? '-' : `${(value / 1000).toFixed(1)} s`;
}

function ms(value: number): string {
  return Number.isNaN(value) ? '-' : `${Math.round(value)} ms`;
}

function maybeMib(kib: number | undefined): string {
  return kib === undefined ? '-' : mib(kib);
}

function afterGc(reading: MemoryReading | undefined): string {
  return reading ? `RSS ${mib(reading.rssKb)}, JS heap used ${mib(reading.heapUsedKb)}, external ${mib(reading.externalKb)}` : '-';
}

function listed(lines: readonly string[], total: number): string {
  return [num(total), ...lines.map((line) => `  ${line}`)].join('\n');
}

export function fuzzRows(outcome: FuzzOutcome): TableRow[] {
  const { stats, canary, pair, watch, log, memory } = outcome;
  const login = stats.loginTime.summary();
  const rate = stats.linesAndBytes / Math.max(outcome.fuzzSeconds, 0.001);
  const stoppedBy = outcome.budget.reason === 'items' ? 'all of --lines sent' : outcome.budget.reason === 'time' ? 'the time limit (--max-seconds)' : 'a stop (crash or signal)';
  const closes = [...stats.otherCloses].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([why, n]) => `${why} ${n}`).join(', ');
  const leaks = watch.firstLeaks.map((leak) => `${leak.marker} to ${leak.receiver}: ${leak.excerpt}`);
  return [
    ['lines + byte sequences', `${num(stats.linesAndBytes)} in ${outcome.fuzzSeconds.toFixed(1)} s (${num(rate)}/s), each handled by the server; stopped by ${stoppedBy}`],
    ['  command lines', num(stats.items.line)],
    ['  byte sequences', num(stats.items.bytes)],
    ['uploads', `${num(stats.items.upload)}: complete ${num(stats.uploads.complete)}, zero ${num(stats.uploads.zero)}, short then hang-up ${num(stats.uploads['short-then-hang-up'])}, over the limit ${num(stats.uploads['over-limit'])}`],
    ['bytes sent / received', `${mib(stats.bytesSent / 1024)} / ${mib(stats.bytesReceived / 1024)}`],
    ['connections opened', `${num(stats.connectionsOpened)} (failed to connect ${num(stats.connectFailures)}); dropped by us ${num(stats.closedByUs)}, closed by the server as expected ${num(stats.closedAsExpected)}, otherwise ${num(stats.otherClosed)}${closes ? ` (${closes})` : ''}`],
    ['logins', `${num(stats.loginsOk)} ok (took p50 ${seconds(login.p50Ms)}, max ${seconds(login.maxMs)}), ${num(stats.loginsFailed)} failed; ${num(stats.wrongPasswords)} wrong passwords sent, ${num(stats.loginThrottled)} answered LOGIN_THROTTLED`],
    ['probes', `${num(stats.probesAnswered)} answered (the server had handled all sent before them), ${num(stats.probesUnanswered)} unanswered within 30 s; ${num(stats.stalledWrites)} writes stalled`],
    ['server crashed', outcome.crash ?? 'no'],
    ['canary', `${num(canary.pings)} pings, ${num(canary.misses)} missed (> 5 s)${outcome.canaryDropped ? ', DISCONNECTED' : ''}; latency p50 ${ms(canary.latency.p50Ms)}, p99 ${ms(canary.latency.p99Ms)}, max ${ms(canary.latency.maxMs)}`],
    ['secrets leaked', leaks.length > 0 ? listed(leaks, watch.leaks) : '0'],
    ['private traffic', `${num(pair.sent)} secret messages/comments/files sent, ${num(pair.delivered)} reached the other user, ${num(pair.missing)} missing; ${num(pair.errorCount)} ERROR answers${pair.errors.length > 0 ? `\n${pair.errors.map((e) => `  ${e}`).join('\n')}` : ''}`],
    ['ERROR log lines', log.errors > 0 ? listed(log.describeErrors(), log.errors) : '0'],
    ['other stderr lines', log.firstOther.length > 0 ? listed(log.firstOther, log.other) : '0'],
    ['warnings (top)', log.topWarnings(5)],
    ['server RSS', `start ${mib(memory.startKb)}, end ${maybeMib(memory.endKb)}, peak ${maybeMib(memory.peakKb)}`],
    ['after a full GC', `start ${afterGc(memory.startAfterGc)}\nend   ${afterGc(memory.endAfterGc)}`],
    ['CPU', `generator ${outcome.cpuSeconds.generator.toFixed(1)} s, server ${outcome.cpuSeconds.server === undefined ? '-' : outcome.cpuSeconds.server.toFixed(1)} s`],
    ['shutdown (SIGTERM)', outcome.shutdown],
    ['duration', `${outcome.totalSeconds.toFixed(1)} s in all`],
  ];
}
