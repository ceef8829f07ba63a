#!/usr/bin/env node
import fs from 'node:fs';
import os from 'node:os';
import { ChatClient } from '../client/chat-client.js';
import { DEFAULT_DOWNLOAD_DIR } from '../client/file-download.js';
import { configDir, fileNickMemory } from '../client/nick-memory.js';
import { createLogger } from '../util/logger.js';
import { hideBin, makeYargs, parseCommandLine } from './make-yargs.js';

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 8000;
/** Exit code for a command line we cannot use (as opposed to 1: the connection failed). */
const USAGE_ERROR = 2;

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

function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

function usageError(message: string): never {
  console.error(`chat-line: ${message}`);
  console.error('Run `chat-line --help` for usage.');
  process.exit(USAGE_ERROR);
}

async function main(): Promise<void> {
  const envPort = process.env.CHAT_LINE_PORT;
  const defaultPort = envPort === undefined || envPort === '' ? DEFAULT_PORT : Number(envPort);
  if (!isValidPort(defaultPort)) {
    usageError(`CHAT_LINE_PORT=${JSON.stringify(envPort)} is not a port: use a whole number from 1 to 65535`);
  }
  const envHost = process.env.CHAT_LINE_HOST;

  const parser = makeYargs(hideBin(process.argv))
    .scriptName('chat-line')
    .usage('$0 [--host HOST] [--port PORT] [--tls [--ca FILE | --insecure]] [--no-color] [--no-reconnect] [--download-dir DIR]')
    .epilogue('Connects to a chat-line server and chats from the terminal.\nType /help once logged in; /quit or Ctrl+C to leave.\n/upload <path> [#room|@nick] sends a file; /download <id> saves one under --download-dir.')
    .option('host', {
      type: 'string',
      default: envHost === undefined || envHost === '' ? DEFAULT_HOST : envHost,
      describe: 'Server host name or address (env CHAT_LINE_HOST)',
      requiresArg: true,
    })
    .option('port', {
      type: 'number',
      default: defaultPort,
      describe: 'Server TCP port, 1-65535 (env CHAT_LINE_PORT)',
      requiresArg: true,
    })
    .option('tls', { type: 'boolean', default: false, describe: "Connect with TLS, to the server's --tls-port" })
    .option('ca', { type: 'string', describe: 'With --tls: trust this PEM certificate (e.g. the server\'s self-signed one)', requiresArg: true })
    .option('insecure', { type: 'boolean', default: false, describe: 'With --tls: do not check the server certificate' })
    .option('color', {
      type: 'boolean',
      default: process.stdout.isTTY && !process.env.NO_COLOR,
      describe: 'Ask the server for colours (default: when stdout is a terminal and NO_COLOR is unset)',
    })
    .option('reconnect', {
      type: 'boolean',
      default: true,
      describe: 'At a terminal, come back after a lost connection and log in again (--no-reconnect: exit instead)',
    })
    .option('download-dir', {
      type: 'string',
      default: DEFAULT_DOWNLOAD_DIR,
      describe: 'Where /download saves files (never over an existing one)',
      requiresArg: true,
    })
    .check((args) => {
      if ((args.ca !== undefined || args.insecure) && !args.tls) throw new Error('--ca and --insecure go with --tls');
      if (!isValidPort(args.port)) {
        const got = Number.isNaN(args.port) ? '' : ` (got ${args.port})`;
        throw new Error(`--port must be a whole number from 1 to 65535${got}`);
      }
      if (args.host.trim() === '') throw new Error('--host must not be empty');
      return true;
    })
    .version(packageVersion());
  const argv = await parseCommandLine(parser, usageError);
  if (argv === undefined) return;

  let ca: Buffer | undefined;
  try {
    ca = argv.ca === undefined ? undefined : fs.readFileSync(argv.ca);
  } catch (error) {
    usageError(`cannot read --ca ${argv.ca ?? ''}: ${(error as Error).message}`);
  }
  const nickMemory = fileNickMemory(configDir({ env: process.env, platform: process.platform, homeDir: os.homedir() }));
  const client = new ChatClient({
    host: argv.host,
    port: argv.port,
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
