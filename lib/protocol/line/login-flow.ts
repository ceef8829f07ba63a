import type { Accounts, LoginResult } from '../../auth/accounts.js';
import { infoLine } from './format.js';
import { parseLine } from './parse-line.js';
import type { UserRecord } from '../../store/records.js';
import { NICK_PROMPT, PASSWORD_PROMPT, errorLine, newNickLine } from './wire.js';
import { refuse, refusalOf } from '../../chat/refusals.js';

export interface LoginFlowPort {
  readonly address: string;
  readonly maxFailures: number;
  send(line: string): void;
  prompt(text: string, options?: { secret?: boolean }): void;
  /** Ends a prompt line the client did not answer with a terminal echo (scripts). */
  endPrompt(): void;
  /**
   * The server is checking a password. The login timeout is for clients that do not
   * answer; a client waiting for a busy server (a login storm) must not hit it.
   */
  checking(active: boolean): void;
  loggedIn(user: UserRecord, created: boolean): Promise<void>;
  close(reason: string): void;
}

/**
 * The conversation before login: nick, then password (or `/login <nick> <password>` in one
 * line). Each wrong password counts; after `maxFailures` the connection is closed.
 */
export class LoginFlow {
  private nick: string | undefined;
  private failures = 0;

  constructor(
    private readonly accounts: Accounts,
    private readonly port: LoginFlowPort,
  ) {}

  start(greeting: string): void {
    this.port.send(infoLine(greeting));
    this.port.prompt(NICK_PROMPT);
  }

  async handle(line: string): Promise<void> {
    if (this.nick !== undefined) {
      const nick = this.nick;
      this.nick = undefined;
      await this.attempt(nick, line, true);
      return;
    }
    const parsed = parseLine(line);
    if (parsed.type === 'empty') {
      this.port.prompt(NICK_PROMPT);
      return;
    }
    if (parsed.type === 'command') {
      await this.command(parsed.name, parsed.rest);
      return;
    }
    const nick = parsed.text;
    try {
      this.accounts.validateNick(nick);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!(await this.accounts.exists(nick))) {
      try {
        // Before asking for a password that could not be used.
        await this.accounts.checkNewNick(nick, this.port.address);
      } catch (error) {
        this.fail(error);
        return;
      }
      this.port.send(newNickLine(nick, this.accounts.minPasswordLength));
    }
    this.nick = nick;
    this.port.prompt(PASSWORD_PROMPT, { secret: true });
  }

  private async command(name: string, rest: string): Promise<void> {
    // Commands at the prompt come from scripts (`printf '/login ...' | nc`), which do not
    // echo a line end: start the reply on a fresh line so it can be matched with `^`.
    this.port.endPrompt();
    if (name === 'quit') {
      this.port.close('bye!');
      return;
    }
    if (name === 'login') {
      const match = /^(\S+)\s+(.+)$/.exec(rest);
      if (!match?.[1] || !match[2]) {
        this.fail(refuse.missingArgument('password', '/login <nick> <password>'));
        return;
      }
      await this.attempt(match[1], match[2], false);
      return;
    }
    this.fail(refuse.notLoggedIn());
  }

  /** `atPrompt`: the password was typed at the password prompt, so a too short one is asked for again. */
  private async attempt(nick: string, password: string, atPrompt: boolean): Promise<void> {
    this.port.checking(true);
    let login: LoginResult;
    try {
      login = await this.accounts.login(nick, password, this.port.address);
    } catch (error) {
      this.port.checking(false);
      if (atPrompt && refusalOf(error)?.code === 'PASSWORD_TOO_SHORT') {
        this.refuseAndAskAgain(nick, error);
        return;
      }
      this.refused(error);
      return;
    }
    await this.port.loggedIn(login.user, login.created);
  }

  private refused(error: unknown): void {
    const refusal = refusalOf(error);
    if (refusal && (refusal.code === 'WRONG_PASSWORD' || refusal.code === 'LOGIN_THROTTLED')) {
      this.failures++;
      if (this.failures >= this.port.maxFailures) {
        this.port.send(errorLine(refusal.code, refusal.message));
        this.port.close('too many failed logins');
        return;
      }
    }
    this.fail(error);
  }

  /** The nick stands; only the password is asked for again. */
  private refuseAndAskAgain(nick: string, error: unknown): void {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    this.port.send(errorLine(refusal.code, refusal.message));
    this.nick = nick;
    this.port.prompt(PASSWORD_PROMPT, { secret: true });
  }

  private fail(error: unknown): void {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    this.port.send(errorLine(refusal.code, refusal.message));
    this.port.prompt(NICK_PROMPT);
  }
}
