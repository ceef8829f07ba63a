import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BASELINE_MAIN, CHAT_LINE_MAIN, CHAT_LINE_MODULES_MAIN } from './build.js';
import type { ServerKind } from './protocol.js';

/**
 * The bench floods the server on purpose from one address, so every limit meant for real
 * users is lifted. Only flags the server lists in --help are passed: the server grows (and
 * may rename) them, and an unknown flag would stop it from starting.
 */
const LIFTED_LIMITS: readonly [flag: string, value: string][] = [
  ['--rate-limit', '0'],
  ['--flood-rate', '0'],
  ['--flood-burst', '0'],
  ['--max-per-address', '1000000'],
  ['--max-connections', '1000000'],
  ['--idle-timeout', '0'],
  // Every client of a workload registers a new account, thousands from one address.
  ['--register-limit', '0'],
  // ... with short passwords such as `pw-s1`.
  ['--min-password-length', '1'],
];

/** Each chat-line build's --help, by script: a build compared with --against has flags of its own. */
const helpTexts = new Map<string, Promise<string>>();

function chatLineHelp(root: string, script: string): Promise<string> {
  let help = helpTexts.get(script);
  if (help === undefined) {
    help = promisify(execFile)(process.execPath, [script, '--help'], { cwd: root, timeout: 30_000 }).then((output) => output.stdout);
    helpTexts.set(script, help);
  }
  return help;
}

/**
 * The script and flags that start `kind` on `port` (chat-line with its data in `dataDir`;
 * unbundled when profiled, so the profile names each function's file; `otherBuild`: another
 * build's server script, the bench's --against).
 */
export async function serverArgs(kind: ServerKind, root: string, port: number, dataDir: string | undefined, profiled = false, otherBuild?: string): Promise<string[]> {
  if (kind === 'baseline') return [BASELINE_MAIN, '--port', String(port)];
  if (dataDir === undefined) throw new Error('chat-line needs a data directory');
  const script = otherBuild ?? (profiled ? CHAT_LINE_MODULES_MAIN : CHAT_LINE_MAIN);
  const help = await chatLineHelp(root, script);
  const lifted = LIFTED_LIMITS.filter(([flag]) => new RegExp(`^\\s*${flag}\\b`, 'm').test(help)).flat();
  // A big output queue: a receiver that falls behind in an overloaded step should show up
  // as latency, not be disconnected as a stalled client.
  // Over IRC the clients connect to `port`; the line protocol takes any free port.
  const ports = kind === 'chat-line-irc' ? ['--port', '0', '--irc-port', String(port)] : ['--port', String(port)];
  return [script, ...ports, '--data-dir', dataDir, '--log-level', 'warn', '--max-queue', '64mb', ...lifted];
}
