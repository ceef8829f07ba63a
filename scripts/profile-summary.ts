/**
 * Summarises V8 CPU profiles (`node --cpu-prof`, e.g. from `npm run bench -- --server-cpu-prof
 * /tmp/prof`): the functions and the files with the most self time.
 *
 *   tsx scripts/profile-summary.ts /tmp/prof/*.cpuprofile --top 25
 */
import fs from 'node:fs';
import path from 'node:path';
import { integer } from '../lib/cli/flag-values.js';
import { exitWithUsageError, readProcessCommandLine } from '../lib/cli/process-command-line.js';

/** The parts of the .cpuprofile format (Chrome DevTools Profiler.Profile) used here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

interface Tally {
  name: string;
  micros: number;
}

function readProfile(file: string): CpuProfile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
}

/** Shortens `file:///work/main/dist-bench/lib/chat/chat-hub.js` to `dist-bench/lib/chat/chat-hub.js`. */
function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const plain = url.replace(/^file:\/\//, '');
  const relative = path.relative(process.cwd(), plain);
  return relative.startsWith('..') ? plain : relative;
}

/** Self time per function and per file: each sample's time goes to the node it was taken in. */
function tally(profile: CpuProfile): { functions: Map<string, number>; files: Map<string, number>; totalMicros: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalMicros = 0;
  samples.forEach((id, i) => {
    // timeDeltas[i] is the time before sample i; attribute it to that sample.
    const micros = Math.max(0, deltas[i] ?? 0);
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    totalMicros += micros;
    const file = shortUrl(frame.url);
    const name = `${frame.functionName || '(anonymous)'}  ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    files.set(file, (files.get(file) ?? 0) + micros);
  });
  return { functions, files, totalMicros };
}

function top(map: ReadonlyMap<string, number>, count: number): Tally[] {
  return [...map.entries()]
    .map(([name, micros]) => ({ name, micros }))
    .sort((a, b) => b.micros - a.micros)
    .slice(0, count);
}

function print(title: string, rows: readonly Tally[], totalMicros: number): void {
  console.log(`\n${title}`);
  for (const row of rows) {
    const share = totalMicros === 0 ? 0 : (row.micros / totalMicros) * 100;
    console.log(`${share.toFixed(1).padStart(6)} %  ${(row.micros / 1000).toFixed(0).padStart(8)} ms  ${row.name}`);
  }
}

function main(): void {
  const parsed = readProcessCommandLine({
    name: 'profile-summary',
    usage: 'FILE.cpuprofile... [--top N]',
    about: 'Top self-time functions and files of V8 CPU profiles (several files are added up).',
    flags: { top: { type: 'string', default: '25', value: 'N', describe: 'how many functions to list' } },
    operands: 'FILE.cpuprofile...',
  } as const);
  if (parsed === undefined) return;
  let count: number;
  try {
    if (parsed.operands.length === 0) throw new Error('give at least one .cpuprofile file');
    count = integer('top', parsed.values.top, 1, 1000);
  } catch (error) {
    exitWithUsageError('profile-summary', (error as Error).message);
  }

  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  let totalMicros = 0;
  let wallMicros = 0;
  for (const file of parsed.operands) {
    const profile = readProfile(file);
    const result = tally(profile);
    for (const [name, micros] of result.functions) functions.set(name, (functions.get(name) ?? 0) + micros);
    for (const [name, micros] of result.files) files.set(name, (files.get(name) ?? 0) + micros);
    totalMicros += result.totalMicros;
    wallMicros += profile.endTime - profile.startTime;
  }
  const idle = [...functions.entries()].filter(([name]) => name.startsWith('(idle)')).reduce((total, [, micros]) => total + micros, 0);
  console.log(`${parsed.operands.length} profile(s), ${(wallMicros / 1e6).toFixed(1)} s recorded, main thread busy ${(((totalMicros - idle) / Math.max(1, totalMicros)) * 100).toFixed(0)} % of it`);
  print(`Top ${count} functions by self time (% of all samples, idle included):`, top(functions, count), totalMicros);
  print('Top files by self time:', top(files, 15), totalMicros);
}

main();
