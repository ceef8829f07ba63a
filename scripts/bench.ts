/**
 * chat-line's load benchmark (issue 3): fan-out in a 200- and a 1000-client room against a
 * bare Node broadcast server, idle memory per connection, durable write throughput, a
 * login storm, and W1's fan-out on one vs two processes over Redis (W6, issue 8; it needs
 * redis-server), W1 over IRC (W7, held to W1's line-protocol figure) and W3's idle memory
 * per IRC connection (W8), and search latency over a million stored messages (W9). Each
 * workload gets a fresh server on a free port with a temporary data directory; the load
 * comes from worker threads. Prints a table and writes bench-results.json.
 *
 *   npm run bench                  # full run for the notes (several minutes)
 *   npm run bench -- --quick       # about a minute, to check a change (W6 only if asked)
 *   npm run bench -- --only W1,W4  # a subset
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandSpec, FlagTable } from '../lib/cli/command-line.js';
import { integer, positive } from '../lib/cli/flag-values.js';
import { readProcessCommandLine } from '../lib/cli/process-command-line.js';
import { buildServers } from './bench/build.js';
import { emergencyStopAll, stopAllOnExit } from './bench/cleanup.js';
import { QuietGate } from './bench/noise.js';
import { FULL, QUICK } from './bench/profiles.js';
import { formatTable, TABLE_NOTES, tableRows } from './bench/report.js';
import { OTHER_BUILD_WORKLOADS, WORKLOADS, type BenchResults, type WorkloadId } from './bench/results.js';
import { runWorkloads, type WorkloadErrors } from './bench/run-workloads.js';
import type { BenchContext } from './bench/workloads/context.js';

interface Options {
  quick: boolean;
  only: WorkloadId[];
  workers: number;
  baseline: boolean;
  out: string;
  serverCpuProf: string | undefined;
  w5Rate: number | undefined;
  /** Another build's server script, absolute. */
  against: string | undefined;
}

const BENCH_COMMAND = {
  name: 'npm run bench --',
  usage: '[options]',
  about: 'Load benchmark for chat-line (W1-W9, with a bare Node broadcast server as the baseline).',
  flags: {
    quick: { type: 'boolean', describe: 'small rooms and short steps: under a minute, indicative figures' },
    only: { type: 'string', value: 'W1,W4', describe: 'comma-separated workloads to run (default: all; with --quick all but W6)' },
    workers: { type: 'string', default: '2', value: 'N', describe: 'load-generator threads' },
    baseline: { type: 'boolean', default: true, describe: 'also run W1/W2 (and W3 for reference) on the baseline server; --no-baseline skips it' },
    out: { type: 'string', default: 'bench-results.json', value: 'FILE', describe: 'where to write the results as JSON' },
    'server-cpu-prof': { type: 'string', value: 'DIR', describe: 'write V8 CPU profiles of the chat-line servers into this directory' },
    'w5-rate': { type: 'string', value: 'N', describe: "W5 traffic in msgs/s (default: half of W1's maximum, running W1 if needed)" },
    against: {
      type: 'string',
      value: 'SCRIPT',
      describe: "another chat-line build's server script (an older commit, checked out and built): W1-W4 run on it too, right after this tree's, and the table sets its figures beside this tree's",
    },
  },
  examples: [
    ['$0 --quick', 'check a change'],
    ['$0 --quick --only W6', 'the cluster workload, quickly (it needs redis-server)'],
    ['$0 --only W2 --server-cpu-prof /tmp/prof', 'profile the server under W2'],
    ['$0 --only W1,W2,W4 --against /tmp/old/dist/server/server-main.js', 'this tree against another commit, side by side'],
  ],
} as const satisfies CommandSpec<FlagTable>;

/** The options, or undefined after --help. */
function parseOptions(): Options | undefined {
  const argv = readProcessCommandLine(BENCH_COMMAND)?.values;
  if (argv === undefined) return undefined;
  // The cluster workload doubles a quick run's time: there it runs only when asked for.
  const defaults = argv.quick ? WORKLOADS.filter((id) => id !== 'W6') : WORKLOADS;
  const only = (argv.only ?? defaults.join(','))
    .split(',')
    .map((id) => id.trim().toUpperCase())
    .filter((id) => id !== '');
  const unknown = only.filter((id) => !(WORKLOADS as readonly string[]).includes(id));
  if (unknown.length > 0) throw new Error(`--only: unknown workload ${unknown.join(', ')}; choose from ${WORKLOADS.join(', ')}`);
  const w5Rate = argv['w5-rate'] === undefined ? undefined : positive('w5-rate', argv['w5-rate'], 10_000_000);
  const against = argv.against === undefined ? undefined : path.resolve(argv.against);
  if (against !== undefined && !fs.statSync(against, { throwIfNoEntry: false })?.isFile()) {
    throw new Error(`--against: no such file ${against} (build that checkout first: npm ci && npm run build)`);
  }
  return {
    quick: argv.quick,
    only: WORKLOADS.filter((id) => only.includes(id)),
    workers: integer('workers', argv.workers, 1, 16),
    baseline: argv.baseline,
    out: argv.out,
    serverCpuProf: argv['server-cpu-prof'],
    w5Rate,
    against,
  };
}

/** `git describe` of the working tree in `dir` (with -dirty for uncommitted changes), or undefined outside git. */
function sourceRevision(dir = '.'): string | undefined {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const options = parseOptions();
  if (options === undefined) return 0;
  // W7 is held to W1's figure of the same run.
  if (options.only.includes('W7') && !options.only.includes('W1')) {
    console.log('W7 is compared with W1 over the line protocol: running W1 too.');
    options.only = WORKLOADS.filter((id) => id === 'W1' || options.only.includes(id));
  }
  // W5 runs at half of W1's maximum: without --w5-rate, W1 has to run first.
  if (options.only.includes('W5') && !options.only.includes('W1') && options.w5Rate === undefined) {
    console.log('W5 needs W1\'s maximum rate: running W1 too (or give --w5-rate).');
    options.only = WORKLOADS.filter((id) => id === 'W1' || options.only.includes(id));
  }
  if (options.serverCpuProf !== undefined) fs.mkdirSync(options.serverCpuProf, { recursive: true });
  const profile = options.quick ? QUICK : FULL;
  const log = (message: string): void => {
    console.log(message);
  };
  const ctx: BenchContext = {
    profile,
    workers: options.workers,
    ...(options.serverCpuProf === undefined ? {} : { cpuProfileDir: options.serverCpuProf }),
    log,
    quiet: new QuietGate(profile.quiet.waitMs, profile.quiet.budgetMs, log),
  };
  console.log(
    `chat-line bench (${profile.name}) at ${sourceRevision() ?? '?'}${options.against === undefined ? '' : ` against ${options.against}`}: ${options.only.join(', ')}; ` +
      `${options.workers} load workers, ${os.availableParallelism()} CPUs, Node ${process.version}, nice ${os.getPriority()}`,
  );

  const started = performance.now();
  await buildServers();
  const startedAt = new Date().toISOString();
  const results: BenchResults = {};
  const errors: WorkloadErrors = {};
  const against = options.against === undefined ? undefined : { label: sourceRevision(path.dirname(options.against)) ?? options.against, script: options.against };
  if (against && !OTHER_BUILD_WORKLOADS.some((id) => options.only.includes(id))) {
    console.log(`--against: ${OTHER_BUILD_WORKLOADS.join(', ')} run on the other build; none of them is in this run.`);
  }
  const plan = { only: options.only, baseline: options.baseline, ...(options.w5Rate === undefined ? {} : { w5Rate: options.w5Rate }), ...(against ? { against } : {}) };
  await runWorkloads(plan, ctx, results, errors);
  const durationS = Math.round((performance.now() - started) / 100) / 10;

  console.log(`\n${formatTable(tableRows(results))}\n${TABLE_NOTES.join('\n')}`);
  if (options.quick) {
    console.log(`quick run: W2 is ${profile.w2.clients} clients (W1's room grown), W3 ${profile.w3.connections} connections, steps of ${profile.step.measureMs / 1000} s: indicative only; the bars are for the full run.`);
    if (!options.only.includes('W6')) console.log('quick run: W6 (one vs two processes over Redis) is left out unless asked for: --quick --only W6.');
  }
  for (const [id, message] of Object.entries(errors)) console.log(`${id}: ERROR ${message}`);
  console.log(`\n${durationS} s in all; results in ${options.out}`);
  const environment = {
    node: process.version,
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? '?',
    workers: options.workers,
    // lib/ changes under a long run: the figures belong to this version of it.
    revision: sourceRevision() ?? '?',
    niceness: os.getPriority(),
  };
  const json = { startedAt, profile: profile.name, durationS, environment, settings: profile, results, errors };
  fs.writeFileSync(options.out, `${JSON.stringify(json, null, 2)}\n`);
  return Object.keys(errors).length > 0 ? 1 : 0;
}

stopAllOnExit();

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    emergencyStopAll();
    process.exitCode = 2;
  },
);
