/**
 * Fuzzes a live server: a real chat-line server in a child process (compiled, on a free
 * port of 127.0.0.1, with a temporary data directory) gets a million random command lines,
 * garbage byte sequences and uploads over many long-lived connections. Meanwhile a canary
 * checks that the server keeps answering, and two users exchange private messages, room
 * messages and files with a secret marker that no fuzz connection may ever receive.
 * Prints a table; exits 1 on a crash, a leak, a missed canary or a private message that
 * did not arrive. Internal errors the server logged (ERROR lines) are listed by kind.
 *
 *   npm run fuzz                        # 1,000,000 lines and byte sequences
 *   npm run fuzz -- --quick             # about 30 s
 *   npm run fuzz -- --seed 42 --lines 200000 --connections 32
 */
import crypto from 'node:crypto';
import { integer, positive } from '../lib/cli/flag-values.js';
import { readProcessCommandLine } from '../lib/cli/process-command-line.js';
import { buildServers } from './bench/build.js';
import { ServerProcess } from './bench/server-process.js';
import { Canary } from './trust/canary.js';
import { FuzzConnection } from './trust/fuzz-connection.js';
import type { FuzzAccount, FuzzRun } from './trust/fuzz-life.js';
import { failures, fuzzRows, notes, type FuzzOutcome } from './trust/fuzz-report.js';
import { FuzzStats } from './trust/fuzz-stats.js';
import { KnownTargets } from './trust/known-targets.js';
import { formatTable, mib, num } from './trust/text-table.js';
import { LineSocket } from './trust/line-socket.js';
import { MEMORY_NODE_FLAGS, MemoryProbe } from './trust/memory-probe.js';
import { Rng } from './trust/prng.js';
import { runScript } from './trust/run-script.js';
import { RunBudget } from './trust/run-budget.js';
import { SecretPair } from './trust/secret-pair.js';
import { SecretWatch } from './trust/secret-watch.js';
import { ServerLog } from './trust/server-log.js';
import { sleep, within } from './trust/timing.js';

interface Options {
  lines: number;
  connections: number;
  seed: number;
  maxSeconds: number;
}

const MAX_LINE = 4096;
const MAX_FILE_SIZE = 256 * 1024;
/** Fuzz users fz0 and fz1 are operators, so operator commands are fuzzed too. */
const OPERATORS = ['fz0', 'fz1'];
const PUBLIC_ROOMS = ['general', 'fr0', 'fr1', 'fr2', 'fr3', 'fr4', 'fr5'];
/** After the last item (which every connection has seen handled): time for the last canary and private messages. */
const SETTLE_MS = 1000;
/** Connection slots whose connections send a few items each and are dropped (the rest live long). */
const SHORT_LIVED_SLOTS = 1;
const PROGRESS_EVERY_MS = 10_000;

/** The options, or undefined after --help. */
function parseOptions(): Options | undefined {
  const argv = readProcessCommandLine({
    name: 'npm run fuzz --',
    usage: '[options]',
    about: 'Throws random command lines, garbage bytes and uploads at a live chat-line server on 127.0.0.1 and checks that it survives, keeps answering and leaks nothing private.',
    flags: {
      lines: { type: 'string', default: '1000000', value: 'N', describe: 'command lines and byte sequences to send (uploads come on top)' },
      connections: { type: 'string', value: 'N', describe: 'fuzz connections at once (default 48; 16 with --quick)' },
      seed: { type: 'string', value: 'N', describe: 'seed of the random choices (default: a random one, printed)' },
      'max-seconds': { type: 'string', value: 'N', describe: 'stop sending after this long even if lines are left (default 600; 20 with --quick)' },
      quick: { type: 'boolean', describe: 'a run of about 30 s: fewer connections, 20 s of fuzzing' },
    },
    examples: [
      ['$0', 'the full run: 1,000,000 lines and byte sequences'],
      ['$0 --quick', 'about 30 s, to check a change'],
      ['$0 --seed 42 --lines 200000', 'a shorter run with the choices of seed 42'],
    ],
  } as const)?.values;
  if (argv === undefined) return undefined;
  return {
    lines: integer('lines', argv.lines, 1, Number.MAX_SAFE_INTEGER),
    connections: integer('connections', argv.connections ?? (argv.quick ? '16' : '48'), 1, 1000),
    seed: argv.seed === undefined ? crypto.randomInt(2 ** 31) : integer('seed', argv.seed, 0, Number.MAX_SAFE_INTEGER),
    maxSeconds: positive('max-seconds', argv['max-seconds'] ?? (argv.quick ? '20' : '600'), 3600),
  };
}

/**
 * Registers the fuzz accounts before the fuzz starts: otherwise a random `/login fz3 xyz`
 * typed at some prompt could register fz3 first, with a password its own connections do
 * not know.
 */
async function register(port: number, accounts: readonly FuzzAccount[]): Promise<void> {
  await Promise.all(
    accounts.map(async (account) => {
      const socket = await LineSocket.connect(port);
      try {
        await socket.login(account.nick, account.password);
      } finally {
        socket.close();
      }
    }),
  );
}

/** A nick of `prefix` and random letters: unguessable, so a fuzz connection cannot log in as it. */
function secretName(prefix: string, length: number): string {
  return prefix + crypto.randomBytes(length).toString('hex').slice(0, length);
}

async function fuzz(options: Options, server: ServerProcess, log: ServerLog, memory: MemoryProbe, startedAt: number): Promise<FuzzOutcome> {
  const rng = new Rng(options.seed);
  const startKb = server.rssKb();
  const startAfterGc = await memory.read(server);
  const serverCpuStart = server.cpuSeconds();
  const cpuStart = process.cpuUsage();

  // What must never reach a fuzz connection: secrets come from the OS, not the seeded generator.
  const marker = secretName('S', 20).toUpperCase();
  const room = secretName('h', 20);
  const watch = new SecretWatch({ 'secret marker': marker, 'private room name': room });
  const canaryNick = secretName('cn', 8);
  const pairUsers = [
    { nick: secretName('sa', 8), password: crypto.randomBytes(18).toString('base64url') },
    { nick: secretName('sb', 8), password: crypto.randomBytes(18).toString('base64url') },
  ] as const;
  const users = Math.max(2, Math.ceil(options.connections / 2));
  const accounts: FuzzAccount[] = Array.from({ length: users }, (_, i) => ({ nick: `fz${i}`, password: `fz-pw-${i}` }));
  const known = new KnownTargets(
    accounts.map((account) => account.nick),
    [canaryNick, ...pairUsers.map((user) => user.nick)],
    PUBLIC_ROOMS,
  );

  await register(server.port, accounts);
  const canary = new Canary(canaryNick, crypto.randomBytes(18).toString('base64url'), crypto.randomBytes(6).toString('hex'));
  await canary.start(server.port);
  const pair = new SecretPair(pairUsers, room, marker, known);
  await pair.start(server.port);

  const stats = new FuzzStats();
  const budget = new RunBudget(options.lines, Date.now() + options.maxSeconds * 1000);
  let closeAll: () => void = () => undefined;
  const closing = new Promise<void>((resolve) => {
    closeAll = resolve;
  });
  const run: FuzzRun = { port: server.port, budget, closing, known, watch, stats, limits: { maxLine: MAX_LINE, maxFileSize: MAX_FILE_SIZE } };
  const fuzzStart = performance.now();
  const loops = Array.from({ length: options.connections }, (_, slot) =>
    new FuzzConnection(slot, accounts[slot % users] as FuzzAccount, run, rng.fork(slot), slot < SHORT_LIVED_SLOTS).loop(),
  );

  let crash: string | undefined;
  let canaryDropped = false;
  let pairDropped = false;
  let lastReport = performance.now();
  while (!budget.over) {
    await within(1000, budget.stopped);
    const exit = server.exitStatus;
    if (exit) {
      crash = `exited with code ${exit.code ?? '-'}, signal ${exit.signal ?? '-'}`;
      budget.stop();
    }
    canaryDropped ||= !canary.connected;
    pairDropped ||= !pair.connected;
    if (performance.now() - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = performance.now();
      const seconds = (lastReport - fuzzStart) / 1000;
      console.log(
        `  ${seconds.toFixed(0)} s: ${num(stats.linesAndBytes)} lines and byte sequences (${num(stats.linesAndBytes / seconds)}/s), ${num(stats.connectionsOpened)} connections opened, ` +
          `connections: ${stats.describeStates()}; canary ${canary.misses} missed / max ${Math.round(canary.latency.maxMs)} ms, ${watch.leaks} leaks, ${log.errors} ERROR lines, server RSS ${crash ? '-' : mib(server.rssKb())}`,
      );
    }
  }
  const fuzzSeconds = (performance.now() - fuzzStart) / 1000;
  console.log(`  sending stopped after ${fuzzSeconds.toFixed(1)} s (${budget.reason ?? '?'}); letting the server catch up`);
  await sleep(crash ? 0 : SETTLE_MS);
  closeAll();
  await within(30_000, Promise.all(loops));
  canaryDropped ||= !canary.connected;
  pairDropped ||= !pair.connected;
  await Promise.all([canary.finish(), pair.finish()]);

  const ended = server.exitStatus;
  const alive = ended === undefined;
  if (ended && crash === undefined) crash = `exited with code ${ended.code ?? '-'}, signal ${ended.signal ?? '-'}`;
  const cpu = process.cpuUsage(cpuStart);
  const outcome: FuzzOutcome = {
    stats,
    budget,
    canary,
    canaryDropped,
    pair,
    pairDropped,
    watch,
    log,
    crash,
    shutdown: '-',
    memory: { startKb, startAfterGc, endKb: alive ? server.rssKb() : undefined, peakKb: alive ? server.peakRssKb() : undefined, endAfterGc: alive ? await memory.read(server) : undefined },
    cpuSeconds: { generator: (cpu.user + cpu.system) / 1e6, server: alive ? server.cpuSeconds() - serverCpuStart : undefined },
    fuzzSeconds,
    totalSeconds: 0,
  };
  await server.stop();
  const exit = server.exitStatus;
  if (alive) outcome.shutdown = exit?.code === 0 ? 'clean, exit code 0' : `exit code ${exit?.code ?? '-'}, signal ${exit?.signal ?? '-'}`;
  outcome.totalSeconds = (performance.now() - startedAt) / 1000;
  return outcome;
}

async function main(): Promise<number> {
  const startedAt = performance.now();
  const options = parseOptions();
  if (options === undefined) return 0;
  console.log(`chat-line fuzz: ${num(options.lines)} lines and byte sequences over ${options.connections} connections, seed ${options.seed}, at most ${options.maxSeconds} s of sending`);
  await buildServers();
  const log = new ServerLog();
  const memory = new MemoryProbe();
  const server = await ServerProcess.start({
    kind: 'chat-line',
    connections: options.connections + 16,
    // Garbage can announce an upload whose bytes never come; a short stall timeout ends those.
    extraArgs: ['--max-line', String(MAX_LINE), '--max-file-size', String(MAX_FILE_SIZE), '--upload-stall-timeout', '10s', ...OPERATORS.flatMap((nick) => ['--admin', nick])],
    nodeFlags: MEMORY_NODE_FLAGS,
    onStderrLine: (line) => {
      if (!memory.take(line)) log.line(line);
    },
  });
  try {
    console.log(`  server pid ${server.pid} on 127.0.0.1:${server.port}, data in ${server.dataDir ?? '-'}`);
    const outcome = await fuzz(options, server, log, memory, startedAt);
    console.log(`\n${formatTable(fuzzRows(outcome))}\n`);
    const reasons = failures(outcome);
    for (const note of notes(outcome)) console.log(`NOTE: ${note}`);
    for (const reason of reasons) console.log(`FAIL: ${reason}`);
    if (reasons.length === 0) console.log('PASS');
    console.log(`(seed ${options.seed}: npm run fuzz -- --seed ${options.seed} --lines ${options.lines} --connections ${options.connections} repeats the choices)`);
    return reasons.length === 0 ? 0 : 1;
  } finally {
    await server.stop();
    server.removeData();
  }
}

runScript('fuzz', main);
