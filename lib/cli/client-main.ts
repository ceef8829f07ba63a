#!/usr/bin/env node
import fs from 'node:fs';
import os from 'node:os';
import { ChatClient } from '../client/chat-client.js';
import { DEFAULT_DOWNLOAD_DIR } from '../client/file-download.js';
import { configDir, fileNickMemory } from '../client/nick-memory.js';
import { createLogger } from '../util/logger.js';
import { fromWhere, type CommandSpec, type FlagTable } from './command-line.js';
import { integer } from './flag-values.js';
import { exitWithUsageError, readProcessCommandLine } from './process-command-line.js';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 8000;

/** Works from both lib/cli (tsx) and dist/lib/cli (built), which sit at different depths. */
function packageVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(new URL(relative, import.meta.url), 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === 'chat-line' && 'version' in parsed && typeof parsed.version === 'string') {
        return parsed.version;
      }
    } catch {
      // Not at this depth; try the next one.
    }
  }
  return 'unknown';
}

/** The client's flags; each also as CHAT_LINE_<FLAG> (CHAT_LINE_PORT=9000), as for the server. */
const CLIENT_COMMAND = {
  name: 'chat-line',
  usage: '[--host HOST] [--port PORT] [--tls [--ca FILE | --insecure]] [--no-color] [--no-reconnect] [--download-dir DIR]',
  about: 'Connects to a chat-line server and chats from the terminal.\nType /help once logged in; /quit or Ctrl+C to leave.',
  envPrefix: 'CHAT_LINE',
  version: packageVersion(),
  flags: {
    host: { type: 'string', default: DEFAULT_HOST, value: 'HOST', describe: 'server host name or address' },
    port: { type: 'string', default: String(DEFAULT_PORT), value: 'PORT', describe: 'server TCP port, 1-65535' },
    tls: { type: 'boolean', describe: "connect with TLS, to the server's --tls-port" },
    ca: { type: 'string', value: 'FILE', describe: "with --tls: trust this PEM certificate (e.g. the server's self-signed one)" },
    insecure: { type: 'boolean', describe: 'with --tls: do not check the server certificate' },
    color: {
      type: 'boolean',
      default: process.stdout.isTTY && !process.env.NO_COLOR,
      defaultText: 'on when stdout is a terminal and NO_COLOR is unset',
      describe: 'ask the server for colours (--no-color: never)',
    },
    reconnect: { type: 'boolean', default: true, describe: 'at a terminal, come back after a lost connection and log in again (--no-reconnect: exit instead)' },
    'download-dir': { type: 'string', default: DEFAULT_DOWNLOAD_DIR, value: 'DIR', describe: 'where /download saves files (never over an existing one)' },
  },
  examples: [
    ['$0', 'chat on 127.0.0.1:8000'],
    ['$0 --port 6697 --tls --ca cert.pem', "the server's TLS port, trusting its self-signed certificate"],
    ["printf '/login bot secret\\n/get_chats\\n/quit\\n' | $0", 'from a script: lines in, replies out, no prompt'],
  ],
  epilogue: '/upload <path> [#room|@nick] sends a file; /download <id> saves one under --download-dir.',
} as const satisfies CommandSpec<FlagTable>;

function usageError(message: string): never {
  exitWithUsageError(CLIENT_COMMAND.name, message);
}

async function main(): Promise<void> {
  const parsed = readProcessCommandLine(CLIENT_COMMAND);
  if (parsed === undefined) return;
  const argv = parsed.values;
  let port: number;
  try {
    port = integer('port', argv.port, 1, 65535);
    if (argv.host.trim() === '') throw new Error('--host must not be empty');
    if ((argv.ca !== undefined || argv.insecure) && !argv.tls) throw new Error('--ca and --insecure go with --tls');
  } catch (error) {
    usageError(fromWhere((error as Error).message, parsed.sources));
  }

  let ca: Buffer | undefined;
  try {
    ca = argv.ca === undefined ? undefined : fs.readFileSync(argv.ca);
  } catch (error) {
    usageError(`cannot read --ca ${argv.ca ?? ''}: ${(error as Error).message}`);
  }
  const nickMemory = fileNickMemory(configDir({ env: process.env, platform: process.platform, homeDir: os.homedir() }));
  const client = new ChatClient({
    host: argv.host,
    port,
    input: process.stdin,
    output: process.stdout,
    nickMemory,
    downloadDir: argv['download-dir'],
    logger: createLogger({ level: 'warn' }),
    tls: argv.tls ? { ca, insecure: argv.insecure } : undefined,
    colour: argv.color,
    // At a terminal unless turned off; a pipe never reconnects (a script wants the exit status).
    reconnect: argv.reconnect ? undefined : false,
  });
  const onSigint = (): void => {
    client.interrupt();
  };
  process.on('SIGINT', onSigint);
  const exit = await client.run();
  process.off('SIGINT', onSigint);
  if (exit.error !== undefined) console.error(exit.error);
  process.exitCode = exit.code;
  // A piped stdin that never reached EOF would otherwise keep the process alive.
  process.stdin.destroy();
}

await main();
