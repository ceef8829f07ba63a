import { ERROR_PREFIX } from '../protocol/line/wire.js';
import { isSecretPrompt } from './password-twice.js';
import { nickFromWelcome } from './server-text.js';

/** The longest wait between two attempts to reconnect. */
export const MAX_RECONNECT_DELAY_MS = 30_000;
const FIRST_RECONNECT_DELAY_MS = 1000;

/**
 * How long to wait before each attempt to reconnect: 1 s, then twice as long each time up
 * to 30 s, each between half and all of that (so that the clients of a restarted server
 * do not all come back in the same instant). `reset` once logged in again.
 */
export class ReconnectBackoff {
  private attempts = 0;

  constructor(private readonly random: () => number = Math.random) {}

  next(): number {
    const full = Math.min(FIRST_RECONNECT_DELAY_MS * 2 ** this.attempts, MAX_RECONNECT_DELAY_MS);
    this.attempts += 1;
    return Math.round(full * (0.5 + this.random() / 2));
  }

  reset(): void {
    this.attempts = 0;
  }
}

const LOGIN_LINE = /^\/login\s+(\S+)\s+(.+)$/;

/**
 * The nick and password the user logged in with on this run, kept in memory only, so that
 * the client can log in again after the connection was lost. A password is what was typed
 * at the server's password prompt, or the last word of a `/login` line; it counts once the
 * server has welcomed the nick.
 */
export class LoginMemory {
  private typed: string | undefined;
  private login: { nick: string; password: string } | undefined;

  /** A line the user sent while the server was asking `prompt` ('' for none). */
  sent(line: string, prompt: string): void {
    const login = LOGIN_LINE.exec(line);
    if (login) this.typed = login[2];
    else if (isSecretPrompt(prompt)) this.typed = line;
  }

  welcomed(nick: string): void {
    if (this.typed !== undefined) this.login = { nick, password: this.typed };
    this.typed = undefined;
  }

  /** `/login <nick> <password>` for the account of this run, if the client has seen its password. */
  loginLine(): string | undefined {
    return this.login && `/login ${this.login.nick} ${this.login.password}`;
  }
}

/**
 * Goodbyes after which the client does not come back by itself: the user's own `/quit`, an
 * operator's kick, the server's timeouts and flood control, failed logins. Anything else
 * (the server shutting down, a connection cut without a word) is worth reconnecting after.
 */
const FINAL_GOODBYE = /^-- (bye!|you were disconnected by |no input for |disconnected for flooding|connection closed: |too many failed logins|login timed out)/;

export function isFinalGoodbye(lastLine: string | undefined): boolean {
  return lastLine !== undefined && FINAL_GOODBYE.test(lastLine);
}

/** Runs `retry` after `ms`; returns how to cancel it. */
export type RetryTimer = (retry: () => void, ms: number) => () => void;

function defaultTimer(retry: () => void, ms: number): () => void {
  const timer = setTimeout(retry, ms);
  return () => {
    clearTimeout(timer);
  };
}

/**
 * The client's way back after a lost connection: waits (ReconnectBackoff) between
 * attempts, and on each new connection logs in again with what LoginMemory kept, hiding
 * the server's greeting until the welcome (or a refusal, after which the user is in charge).
 */
export class Reconnector {
  readonly login = new LoginMemory();
  /** `/login` was sent again on this connection and not answered yet. */
  autoLogin = false;
  private readonly backoff: ReconnectBackoff;
  private attempts = 0;
  private cancel: (() => void) | undefined;

  constructor(
    private readonly timer: RetryTimer = defaultTimer,
    random?: () => number,
  ) {
    this.backoff = new ReconnectBackoff(random);
  }

  /** Between two attempts. */
  get waiting(): boolean {
    return this.cancel !== undefined;
  }

  /** Since the connection was lost, until logged in again or handed back. */
  get retrying(): boolean {
    return this.attempts > 0;
  }

  welcomed(nick: string): void {
    this.login.welcomed(nick);
    this.backoff.reset();
    this.attempts = 0;
    this.autoLogin = false;
  }

  /** On a new connection after a lost one: the line to send first, if the password is known. */
  loginAgain(): string | undefined {
    const line = this.login.loginLine();
    this.autoLogin = line !== undefined;
    return line;
  }

  /** While logging in again, the server's lines the user sees: from the welcome or a refusal on. */
  shown(lines: readonly string[]): readonly string[] {
    if (!this.autoLogin) return lines;
    const isWelcome = (line: string): boolean => nickFromWelcome(line) !== undefined;
    const end = lines.findIndex((line) => isWelcome(line) || line.startsWith(ERROR_PREFIX));
    if (end < 0) return [];
    if (!isWelcome(lines[end] ?? '')) {
      // Refused (the password changed meanwhile): from here on the user is in charge.
      this.autoLogin = false;
      this.attempts = 0;
    }
    return lines.slice(end);
  }

  /** Waits before the next attempt, then runs `reconnect`; returns the wait in ms. */
  later(reconnect: () => void): number {
    this.autoLogin = false;
    const ms = this.backoff.next();
    this.attempts += 1;
    this.cancel = this.timer(() => {
      this.cancel = undefined;
      reconnect();
    }, ms);
    return ms;
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }
}
