import type { StepResult } from './fanout-step.js';
import { QUIET_OTHER_PCT, type CpuUse } from './meter.js';
import { MIN_BASELINE_RATIO, MIN_IRC_RATIO, type BenchResults, type FanoutComparison, type OtherBuildResults } from './results.js';
import type { LatencySummary } from './stats.js';
import type { ClusterFanoutResult } from './workloads/cluster-fanout.js';
import { MIN_STORED_PER_SEC, type DurableWritesResult } from './workloads/durable-writes.js';
import type { FanoutResult } from './workloads/fanout.js';
import { idleBarOf, type IdleMemoryResult } from './workloads/idle-memory.js';
import type { StormOutcome } from './workloads/login-storm.js';
import { MAX_SEARCH_P99_MS, type SearchLatencyResult } from './workloads/search-latency.js';

type Row = [workload: string, server: string, result: string, p50: string, p99: string, cpu: string, bar: string, verdict: string];

const HEADER: Row = ['workload', 'server', 'result', 'p50', 'p99', 'CPU % gen/server/other', 'bar', 'verdict'];

function num(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function ms(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '-' : `${value} ms`;
}

function pct(value: number): string {
  return `${Math.round(value)} %`;
}

/** `95/98/3` and a warning when other programs competed for the CPU. */
function cpuCell(cpu: CpuUse | undefined): string {
  if (!cpu) return '-';
  const text = [cpu.generatorPct, cpu.serverPct, cpu.otherPct].map((v) => Math.round(v)).join('/');
  return cpu.otherPct >= QUIET_OTHER_PCT ? `${text} NOISY` : text;
}

function verdict(pass: boolean | undefined): string {
  return pass === undefined ? '' : pass ? 'PASS' : 'FAIL';
}

function latencyCells(latency: LatencySummary | undefined): [string, string] {
  return [ms(latency?.p50Ms), ms(latency?.p99Ms)];
}

/** A sweep's row: latency at the highest passing rate; CPU at the first failing one, where the limit was hit. */
function fanoutRow(name: string, result: FanoutResult, server: string = result.server): Row {
  const best: StepResult | undefined = result.atMax;
  const limit = result.atFail ? `, fails at ${num(result.atFail.rate)}` : ', no failure up to the cap';
  const text = best ? `max ${num(best.rate)} msg/s = ${num(best.deliveriesPerSec)} deliveries/s${limit}` : `no rate passed${limit}`;
  return [name, server, text, ...latencyCells(best?.latency), cpuCell(result.atFail?.cpu ?? best?.cpu), '', ''];
}

/** This tree's figure as a share of the other build's (--against), or undefined when it has none. */
function againstRow(name: string, label: string, mine: number, theirs: number | undefined, unit: string): Row | undefined {
  if (theirs === undefined) return undefined;
  return [name, 'ratio', `this tree's ${unit} = ${pct(theirs > 0 ? (mine * 100) / theirs : 0)} of ${label}'s`, '', '', '', '', ''];
}

function fanoutRows(id: 'W1' | 'W2', comparison: FanoutComparison, against: OtherBuildResults | undefined): Row[] {
  const { clients, senders } = comparison.chatLine.room;
  const name = `${id} fan-out ${clients}/${senders}`;
  const rows = [fanoutRow(name, comparison.chatLine)];
  const other = against?.[id];
  if (against && other) {
    rows.push(fanoutRow(name, other, `chat-line ${against.label}`));
    rows.push(...optional(againstRow(name, against.label, comparison.chatLine.maxRate, other.maxRate, 'max')));
  }
  if (comparison.baseline) rows.push(fanoutRow(name, comparison.baseline));
  if (comparison.ratio !== undefined) {
    rows.push([name, 'ratio', `chat-line max = ${pct(comparison.ratio * 100)} of baseline`, '', '', '', `>= ${pct(MIN_BASELINE_RATIO * 100)}`, verdict(comparison.pass)]);
  }
  return rows;
}

function optional(row: Row | undefined): Row[] {
  return row === undefined ? [] : [row];
}

/** `server`: the column's text, when not the kind of server (for another build's row). */
function idleRow(result: IdleMemoryResult, bar: boolean, title = 'W3 idle', server?: string): Row {
  const first = result.samples[1];
  const last = result.samples.at(-1);
  const rss = first && last ? `RSS after GC ${num(first.collectedRssKb / 1024)} -> ${num(last.collectedRssKb / 1024)} MiB` : '';
  const text =
    `${num(result.bytesPerConnection)} B/connection after GC (fit ${num(result.bytesPerConnectionFit)}; ${rss}; as found ${num(result.bytesPerConnectionAsFound)}); ` +
    `at start ${num(result.startRssKb / 1024)} MiB`;
  return [
    `${title} ${num(result.connections)} conns`,
    server ?? (bar ? result.server : `${result.server} (ref)`),
    text,
    '',
    '',
    '',
    bar ? `<= ${num(idleBarOf(result.server))} B` : '',
    bar ? (result.pass === undefined ? 'too few to judge' : verdict(result.pass)) : '',
  ];
}

/** W6: the same room on one chat-line process, on two and on four, all over Redis, side by side. */
function clusterRows(w6: ClusterFanoutResult): Row[] {
  const [first, ...more] = w6.runs;
  if (!first) return [];
  const { clients, senders } = first.result.room;
  const name = `W6 cluster ${clients}/${senders}`;
  const label = (processes: number): string => `${processes} process${processes === 1 ? '' : 'es'} + Redis`;
  return [
    ...w6.runs.map(({ processes, result }) => fanoutRow(name, result, label(processes))),
    ...more.map(({ processes, result }): Row => [
      name, 'ratio', `${label(processes)} max = ${pct(first.result.maxRate > 0 ? (result.maxRate * 100) / first.result.maxRate : 0)} of 1 process`, '', '', '', '', '',
    ]),
  ];
}

/** W9: two-word searches over the stored history, everywhere the user may read, then in one room. */
function searchRows(w9: SearchLatencyResult): Row[] {
  const name = `W9 search ${num(w9.messages)}`;
  const text = (where: string, times: SearchLatencyResult['everywhere']): string =>
    `${num(w9.queries)} two-word searches ${where}, ${times.averageFound} lines found on average (stored in ${w9.fillSeconds} s)`;
  return [
    [name, 'chat-line', text('everywhere', w9.everywhere), ...latencyCells(w9.everywhere.latency), '', `p99 < ${MAX_SEARCH_P99_MS} ms`, verdict(w9.pass)],
    [name, 'chat-line', text('in one room', w9.oneRoom), ...latencyCells(w9.oneRoom.latency), '', '', ''],
  ];
}

function durableName(w4: DurableWritesResult): string {
  return `W4 writes ${w4.rooms}x2 rooms`;
}

function durableRow(w4: DurableWritesResult, server = 'chat-line'): Row {
  const { sent, acked, stored, ok } = w4.verification;
  const check = ok ? `all ${num(stored)} stored` : `MISMATCH: sent ${num(sent)}, acked ${num(acked)}, stored ${num(stored)}`;
  return [
    durableName(w4),
    server,
    `${num(w4.storedPerSec)} msgs/s stored+acked, window ${w4.window} (${check})`,
    ...latencyCells(w4.ackLatency),
    cpuCell(w4.cpu),
    `>= ${num(MIN_STORED_PER_SEC)}/s`,
    verdict(w4.pass),
  ];
}

export function tableRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  const { against } = results;
  if (results.W1) rows.push(...fanoutRows('W1', results.W1, against));
  if (results.W2) rows.push(...fanoutRows('W2', results.W2, against));
  if (results.W3) {
    rows.push(idleRow(results.W3.chatLine, true));
    const other = against?.W3;
    if (against && other) {
      rows.push(idleRow(other, false, 'W3 idle', `chat-line ${against.label}`));
      const name = `W3 idle ${num(other.connections)} conns`;
      rows.push(...optional(againstRow(name, against.label, results.W3.chatLine.bytesPerConnection, other.bytesPerConnection, 'B/connection')));
      rows.push(...optional(againstRow(name, against.label, results.W3.chatLine.startRssKb, other.startRssKb, 'RSS at start')));
    }
    if (results.W3.baseline) rows.push(idleRow(results.W3.baseline, false));
  }
  if (results.W4) {
    rows.push(durableRow(results.W4));
    const other = against?.W4;
    if (against && other) {
      rows.push(durableRow(other, `chat-line ${against.label}`));
      rows.push(...optional(againstRow(durableName(other), against.label, results.W4.storedPerSec, other.storedPerSec, 'msgs/s')));
    }
  }
  if (results.W5) {
    const w5 = results.W5;
    const stormRow = (what: string, storm: StormOutcome, extra: string): Row => [
      `W5 ${what} ${num(storm.logins.connected + storm.logins.failed)}`,
      'chat-line',
      `${(storm.perSecond).toFixed(1)}/s on ${w5.hashingThreads} hashing thread${w5.hashingThreads === 1 ? '' : 's'} ` +
        `(${(storm.logins.elapsedMs / 1000).toFixed(1)} s, ${storm.logins.failed} failed, "busy" ${num(storm.logins.busy)} times); ` +
        `${num(w5.rate)} msg/s ${(storm.during.deliveredRatio * 100).toFixed(2)} % delivered${extra}`,
      ...latencyCells(storm.during.latency),
      cpuCell(storm.cpu),
      'p99 < 100 ms',
      verdict(storm.pass),
    ];
    rows.push(stormRow('registrations', w5.registrations, `; p99 before ${ms(w5.before.latency.p99Ms)}`));
    rows.push(stormRow('logins', w5.logins, `; p99 after ${ms(w5.after.latency.p99Ms)}`));
  }
  if (results.W6) rows.push(...clusterRows(results.W6));
  if (results.W7) {
    const { irc, ratio, pass } = results.W7;
    const name = `W7 IRC fan-out ${irc.room.clients}/${irc.room.senders}`;
    rows.push(fanoutRow(name, irc, 'chat-line over IRC'));
    if (ratio !== undefined) rows.push([name, 'ratio', `IRC max = ${pct(ratio * 100)} of W1's line protocol`, '', '', '', `>= ${pct(MIN_IRC_RATIO * 100)}`, verdict(pass)]);
  }
  if (results.W8) rows.push(idleRow(results.W8, true, 'W8 IRC idle'));
  if (results.W9) rows.push(...searchRows(results.W9));
  return rows;
}

/** Plain aligned columns; one workload may take several rows (chat-line, baseline, ratio). */
export function formatTable(rows: readonly Row[]): string {
  const all = [HEADER, ...rows];
  const widths = HEADER.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: Row): string => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const TABLE_NOTES = [
  'p50/p99: end-to-end latency at the highest passing rate (W4: store-and-echo time; W5: of the traffic during the storm; W9: one /search to the end of its answer).',
  'CPU: generator process / server process / other programs, % of one core (2 cores = 200 %), at the first failing step of a sweep.',
];
