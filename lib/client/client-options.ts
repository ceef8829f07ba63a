import type { Logger } from '../util/logger.js';
import type { ClientOutput } from './mutable-output.js';
import type { NickMemory } from './nick-memory.js';
import type { RetryTimer } from './reconnect.js';
import type { ServerAddress } from './server-socket.js';

export type ClientInput = NodeJS.ReadableStream & { isTTY?: boolean };

/** How to run the client: where the server is (ServerAddress) and what to talk through. */
export interface ChatClientOptions extends ServerAddress {
  input: ClientInput;
  output: ClientOutput;
  /** Line editing with a prompt; defaults to "input and output are both terminals". */
  terminal?: boolean;
  nickMemory?: NickMemory;
  /** How long to wait for the server to hang up after we asked it to (stdin EOF, Ctrl+C). */
  closeGraceMs?: number;
  logger?: Logger;
  /** Ask the server for colour (`/color on`) once logged in, as chat-line does at a terminal. */
  colour?: boolean;
  /** Come back after a lost connection and log in again (default: at a terminal). */
  reconnect?: boolean;
  /** Runs `retry` after `ms` (the wait between attempts to reconnect); returns how to cancel it. */
  reconnectTimer?: RetryTimer;
  /** For the jitter of the waits between attempts. */
  random?: () => number;
}

/** `error` is a one-line message for stderr, set when `code` is not 0. */
export interface ClientExit {
  code: number;
  error?: string;
}
