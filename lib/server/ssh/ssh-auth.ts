import type { AuthContext, KeyboardAuthContext } from 'ssh2';
import type { Accounts } from '../../auth/accounts.js';
import { refusalOf } from '../../chat/refusals.js';
import { errorLine } from '../../protocol/line/wire.js';
import type { SshLogin } from '../../protocol/ssh/ssh-line-session.js';
import type { Logger } from '../../util/logger.js';

/** The methods a client may go on with after one failed (ssh2's type for them). */
type Methods = Parameters<AuthContext['reject']>[0];

/** What the server accepts, in the order OpenSSH tries them. */
export const AUTH_METHODS: Methods = ['keyboard-interactive', 'password'];

/** What authentication needs of the server, and what it reports back to its connection. */
export interface SshAuthHost {
  readonly accounts: Accounts;
  readonly logger: Logger;
  /** The client's host (throttles count per host, not per port). */
  readonly host: string;
  /** Failed passwords allowed on one connection before it is closed (--max-login-failures's rule). */
  readonly maxFailures: number;
  /** Too many failures: the connection is to end. */
  giveUp(): void;
}

/**
 * Authentication of one SSH connection against chat-line accounts: the SSH user name is
 * the nick, the password the account's (a new nick is registered with the first password
 * given for it, as at the line protocol's prompt). `keyboard-interactive`, which OpenSSH
 * tries before `password`, lets the server say things at the prompt: that a nick is new
 * and will be registered, and why the last attempt was refused.
 */
export class SshAuth {
  /** Who the client is, once it has proved it. */
  login: SshLogin | undefined;
  private failures = 0;
  /** Why the last attempt was refused, shown at the next keyboard-interactive prompt. */
  private lastRefusal: string | undefined;

  constructor(private readonly host: SshAuthHost) {}

  /** Answers one authentication request (ssh2's `authentication` event). */
  handle(ctx: AuthContext): void {
    const answer = ((): Promise<void> | void => {
      switch (ctx.method) {
        case 'password':
          return this.password(ctx.username, ctx.password).then((ok) => {
            if (ok) ctx.accept();
            else ctx.reject(AUTH_METHODS);
          });
        case 'keyboard-interactive':
          return this.interactive(ctx);
        default:
          ctx.reject(AUTH_METHODS);
      }
    })();
    answer?.catch((error: unknown) => {
      this.host.logger.error('ssh.auth_failed', { error: error instanceof Error ? error.stack : String(error) });
      ctx.reject(AUTH_METHODS);
    });
  }

  /** Checks (or registers) the nick's password; false, with the reason kept, if refused. */
  private async password(nick: string, password: string): Promise<boolean> {
    const { accounts, host, logger } = this.host;
    try {
      const { user, created } = await accounts.login(nick, password, host);
      this.login = { record: user, created, notes: [] };
      this.lastRefusal = undefined;
      logger.info('ssh.authenticated', { nick: user.nick, address: host, method: 'password', registered: created });
      return true;
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      this.lastRefusal = errorLine(refusal.code, refusal.message);
      if (refusal.code === 'WRONG_PASSWORD' || refusal.code === 'LOGIN_THROTTLED') this.failed();
      return false;
    }
  }

  private failed(): void {
    this.failures++;
    if (this.failures >= this.host.maxFailures) {
      this.host.logger.warn('ssh.too_many_failures', { address: this.host.host, failures: this.failures });
      this.host.giveUp();
    }
  }

  /** The password asked at the client's terminal, with a word on why when there is one to say. */
  private async interactive(ctx: KeyboardAuthContext): Promise<void> {
    const { accounts, host } = this.host;
    const nick = ctx.username;
    const notes: string[] = [];
    if (this.lastRefusal !== undefined) notes.push(this.lastRefusal);
    try {
      accounts.validateNick(nick);
      if (!(await accounts.exists(nick))) {
        await accounts.checkNewNick(nick, host);
        notes.push(`${nick} is a new nick: choose a password to register it.`);
      }
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      // Nothing to ask: the prompt shows why, and the client can only give up.
      ctx.prompt([], 'chat-line', `${errorLine(refusal.code, refusal.message)}\nConnect as another user: ssh other@host`, () => {
        ctx.reject(AUTH_METHODS);
      });
      return;
    }
    const instructions = notes.join('\n');
    ctx.prompt([{ prompt: `Password for ${nick}: `, echo: false }], '', instructions, (answers) => {
      const [answer] = answers;
      if (answer === undefined) {
        ctx.reject(AUTH_METHODS);
        return;
      }
      this.password(nick, answer).then(
        (ok) => {
          if (ok) ctx.accept();
          else ctx.reject(AUTH_METHODS);
        },
        (error: unknown) => {
          this.host.logger.error('ssh.auth_failed', { error: error instanceof Error ? error.stack : String(error) });
          ctx.reject(AUTH_METHODS);
        },
      );
    });
  }
}
