/**
 * kill -9 under load: a chat-line server (compiled, SQLite, on a temporary data directory
 * of 127.0.0.1's own) takes messages from many senders as fast as it can; at a random
 * moment of each round it gets SIGKILL and is started again on the same data. At the end
 * the database is opened directly and every message a sender saw confirmed (its echo came
 * back) is looked for: none may be missing, none may be there twice.
 *
 *   npm run crash-check                          # 5 rounds, 20 senders
 *   npm run crash-check -- --rounds 10 --seconds 3
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { integer, positive } from '../lib/cli/flag-values.js';
import { readProcessCommandLine } from '../lib/cli/process-command-line.js';
import { buildServers } from './bench/build.js';
import { onEmergencyStop } from './bench/cleanup.js';
import { ServerProcess } from './bench/server-process.js';
import { ConfirmingSender } from './trust/confirming-sender.js';
import { formatColumns, num } from './trust/text-table.js';
import { Rng } from './trust/prng.js';
import { runScript } from './trust/run-script.js';
import { storedTexts } from './trust/store-audit.js';
import { sleep, within } from './trust/timing.js';

interface Options {
  rounds: number;
  senders: number;
  seconds: number;
  window: number;
  seed: number;
}

interface Round {
  killedAfterS: number;
  sent: string[];
  confirmed: string[];
}

const SETUP_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 10_000;

/** The options, or undefined after --help. */
function parseOptions(): Options | undefined {
  const argv = readProcessCommandLine({
    name: 'npm run crash-check --',
    usage: '[options]',
    about: 'Kills a loaded chat-line server with SIGKILL, round after round on the same SQLite data, and checks that every message a sender saw confirmed is stored exactly once.',
    flags: {
      rounds: { type: 'string', default: '5', value: 'N', describe: 'kill -9 and restart this many times' },
      senders: { type: 'string', default: '20', value: 'N', describe: 'connections posting messages at once' },
      seconds: { type: 'string', default: '5', value: 'N', describe: 'longest round: the kill comes at a random moment within it' },
      window: { type: 'string', default: '16', value: 'N', describe: 'messages each sender may have unconfirmed at once' },
      seed: { type: 'string', value: 'N', describe: 'seed of the random kill moments (default: a random one, printed)' },
    },
    examples: [
      ['$0', '5 rounds of 20 senders'],
      ['$0 --rounds 10 --seconds 3', 'more, shorter rounds'],
    ],
  } as const)?.values;
  if (argv === undefined) return undefined;
  return {
    rounds: integer('rounds', argv.rounds, 1, 100),
    senders: integer('senders', argv.senders, 1, 500),
    seconds: positive('seconds', argv.seconds, 600),
    window: integer('window', argv.window, 1, 1000),
    seed: argv.seed === undefined ? crypto.randomInt(2 ** 31) : integer('seed', argv.seed, 0, Number.MAX_SAFE_INTEGER),
  };
}

/** A crash before the kill would be a finding of its own: say so rather than count the round. */
function assertRunning(server: ServerProcess, round: number): void {
  const exit = server.exitStatus;
  if (exit) throw new Error(`round ${round}: the server ended on its own before the kill (${JSON.stringify(exit)}):\n${server.lastStderr}`);
}

const roomOf = (sender: number): string => `k9-${sender}`;

/** One round: start the server on the data, let the senders post, kill it at a random moment. */
async function runRound(round: number, options: Options, dataDir: string, rng: Rng): Promise<Round> {
  const server = await ServerProcess.start({ kind: 'chat-line', connections: options.senders + 8, dataDir, extraArgs: ['--message-ttl', '0'] });
  const senders: ConfirmingSender[] = [];
  try {
    const opening = Promise.all(
      Array.from({ length: options.senders }, (_, i) => ConfirmingSender.open(server.port, `k9s${i}`, `k9-pw-${i}`, roomOf(i), `k9 r${round} s${i}`, options.window)),
    );
    if (!(await within(SETUP_TIMEOUT_MS, opening.then((opened) => senders.push(...opened))))) throw new Error(`the senders could not log in within ${SETUP_TIMEOUT_MS} ms`);
    const killAfterMs = (0.1 + 0.9 * rng.next()) * options.seconds * 1000;
    const started = performance.now();
    for (const sender of senders) sender.start();
    await sleep(killAfterMs);
    assertRunning(server, round);
    await server.kill();
    const killedAfterS = (performance.now() - started) / 1000;
    if (server.exitStatus?.signal !== 'SIGKILL') throw new Error(`round ${round}: the server ended with ${JSON.stringify(server.exitStatus)}, not by SIGKILL`);
    // What was in flight arrives or not; the connections close as the kernel drops them.
    await within(CLOSE_TIMEOUT_MS, Promise.all(senders.map((sender) => sender.closed)));
    return {
      killedAfterS,
      sent: senders.flatMap((sender) => sender.tally.sent),
      confirmed: senders.flatMap((sender) => [...sender.tally.confirmed]),
    };
  } finally {
    for (const sender of senders) sender.stop();
    await server.stop();
  }
}

interface Verdict {
  table: string;
  lost: number;
  duplicates: number;
  neverSent: number;
}

/** Each round's messages looked up in what was stored: found, lost, and stored twice or never sent. */
function verdict(rounds: readonly Round[], stored: ReadonlyMap<string, number>): Verdict {
  const rows: string[][] = [];
  const sentAll = new Set<string>();
  let lost = 0;
  const total = { sent: 0, confirmed: 0, found: 0, extra: 0 };
  for (const [index, round] of rounds.entries()) {
    const confirmed = new Set(round.confirmed);
    const found = round.confirmed.filter((text) => stored.has(text)).length;
    const extra = round.sent.filter((text) => !confirmed.has(text) && stored.has(text)).length;
    for (const text of round.sent) sentAll.add(text);
    lost += round.confirmed.length - found;
    total.sent += round.sent.length;
    total.confirmed += round.confirmed.length;
    total.found += found;
    total.extra += extra;
    rows.push([String(index + 1), `${round.killedAfterS.toFixed(2)} s`, num(round.sent.length), num(round.confirmed.length), num(found), num(extra)]);
  }
  rows.push(['all', '', num(total.sent), num(total.confirmed), num(total.found), num(total.extra)]);
  let duplicates = 0;
  let neverSent = 0;
  for (const [text, count] of stored) {
    if (count > 1) duplicates += count - 1;
    if (!sentAll.has(text)) neverSent += count;
  }
  const table = formatColumns(['round', 'killed after', 'sent', 'confirmed', 'found', 'stored, unconfirmed'], rows);
  return { table, lost, duplicates, neverSent };
}

async function main(): Promise<number> {
  const started = performance.now();
  const options = parseOptions();
  if (options === undefined) return 0;
  console.log(`chat-line crash check: ${options.rounds} rounds of ${options.senders} senders (window ${options.window}), SIGKILL within ${options.seconds} s, seed ${options.seed}`);
  await buildServers();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-line-kill9-'));
  const unregister = onEmergencyStop(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  try {
    const rng = new Rng(options.seed);
    const rounds: Round[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const result = await runRound(round, options, dataDir, rng);
      rounds.push(result);
      console.log(`  round ${round}: killed after ${result.killedAfterS.toFixed(2)} s; sent ${num(result.sent.length)}, confirmed ${num(result.confirmed.length)}`);
    }
    const stored = await storedTexts(dataDir, Array.from({ length: options.senders }, (_, i) => roomOf(i)));
    const { table, lost, duplicates, neverSent } = verdict(rounds, stored);
    console.log(`\n${table}\n`);
    console.log(`lost (confirmed, not stored): ${num(lost)}; duplicates (stored twice): ${num(duplicates)}; stored but never sent: ${num(neverSent)}`);
    console.log(`${((performance.now() - started) / 1000).toFixed(1)} s in all`);
    const failed = lost > 0 || duplicates > 0 || neverSent > 0;
    console.log(failed ? 'FAIL: every confirmed message must be stored exactly once, and nothing else' : 'PASS');
    return failed ? 1 : 0;
  } finally {
    unregister();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runScript('crash-check', main);
