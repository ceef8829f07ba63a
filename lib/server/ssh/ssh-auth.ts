import type { AuthContext, KeyboardAuthContext, ParsedKey, PublicKeyAuthContext } from 'ssh2';
import type { Accounts } from '../../auth/accounts.js';
import { keyFingerprint } from '../../auth/public-key.js';
import { keyOfBlob } from './key-of-blob.js';
import { refusalOf } from '../../chat/refusals.js';
import { INFO_PREFIX, errorLine, newNickLine } from '../../protocol/line/wire.js';
import type { SshLogin } from '../../protocol/ssh/ssh-line-session.js';
import type { Logger } from '../../util/logger.js';

/** The methods a client may go on with after one failed (ssh2's type for them). */
type Methods = Parameters<AuthContext['reject']>[0];

/** What the server accepts, in the order OpenSSH tries them. */
export const AUTH_METHODS: Methods = ['publickey', 'keyboard-interactive', 'password'];

/** A key the client proved it holds, offered for a nick that has no account yet. */
interface OfferedKey {
  readonly key: ParsedKey;
  readonly fingerprint: string;
}

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
 * the nick, and the client proves it is theirs with a key bound to the account (`/key
 * add`) or with the account's password (a new nick is registered with the first password
 * given for it, as at the line protocol's prompt). `keyboard-interactive`, which OpenSSH
 * tries before `password`, lets the server say things at the prompt: that a nick is new
 * and will be registered (with the key the client offered, if it proved one), and why the
 * last attempt was refused.
 */
export class SshAuth {
  /** Who the client is, once it has proved it. */
  login: SshLogin | undefined;
  private failures = 0;
  /** Why the last attempt was refused, shown at the next keyboard-interactive prompt. */
  private lastRefusal: string | undefined;
  /** For a new nick: the first key the client proved, bound to the account once it is registered. */
  private offered: OfferedKey | undefined;

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
        case 'publickey':
          return this.publicKey(ctx);
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
      this.login = { record: user, created, notes: created ? await this.bindOffered(user.nick) : [] };
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
    let registering = false;
    if (this.lastRefusal !== undefined) notes.push(this.lastRefusal);
    try {
      accounts.validateNick(nick);
      if (!(await accounts.exists(nick))) {
        await accounts.checkNewNick(nick, host);
        notes.push(newNickLine(nick, accounts.minPasswordLength).slice(INFO_PREFIX.length));
        registering = true;
        if (this.offered) notes.push(`Your key ${this.offered.fingerprint} will be added to the account: you log in with it from then on.`);
      }
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      // Nothing to ask: the prompt shows why once, and no other method would do better.
      ctx.prompt([], '', `${errorLine(refusal.code, refusal.message)}\nConnect as another user: ssh other@host`, () => {
        ctx.reject(AUTH_METHODS);
        this.host.giveUp();
      });
      return;
    }
    const instructions = notes.join('\n');
    // A new account's password is typed twice, as passwd does: a typo must not become it.
    const prompts = [{ prompt: `Password for ${nick}: `, echo: false }, ...(registering ? [{ prompt: 'Again: ', echo: false }] : [])];
    ctx.prompt(prompts, '', instructions, (answers) => {
      const [answer, again] = answers;
      if (answer === undefined) {
        ctx.reject(AUTH_METHODS);
        return;
      }
      if (registering && again !== answer) {
        this.lastRefusal = 'The two passwords differ; nothing was registered. Choose one again.';
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

  /**
   * A key: accepted if it is bound to the nick and the client signed with it. Asked
   * whether a key would do (no signature yet), the answer is yes for a bound key, and for
   * the first key offered for a nick that has no account, so that the client proves it
   * holds it; that key is then bound to the account registered on this connection.
   */
  private async publicKey(ctx: PublicKeyAuthContext): Promise<void> {
    const { accounts, host, logger } = this.host;
    const nick = ctx.username;
    const fingerprint = keyFingerprint(ctx.key.data);
    const key = keyOfBlob(ctx.key.data);
    const signed = (): boolean => ctx.signature !== undefined && ctx.blob !== undefined && key?.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true;
    const bound = key && (await accounts.keys.accountFor(nick, fingerprint));
    if (bound) {
      if (ctx.signature === undefined) {
        ctx.accept();
        return;
      }
      if (!signed()) {
        logger.warn('ssh.bad_signature', { nick, address: host, fingerprint });
        ctx.reject(AUTH_METHODS);
        return;
      }
      this.login = { record: bound.user, created: false, notes: [] };
      this.lastRefusal = undefined;
      logger.info('ssh.authenticated', { nick: bound.user.nick, address: host, method: 'publickey', fingerprint });
      ctx.accept();
      return;
    }
    const canOffer = key !== undefined && (this.offered === undefined || this.offered.fingerprint === fingerprint) && (await this.isNewNick(nick));
    if (canOffer && ctx.signature === undefined) {
      ctx.accept();
      return;
    }
    if (canOffer && signed()) this.offered = { key, fingerprint };
    logger.info('ssh.key_refused', { nick, address: host, fingerprint, offered: this.offered?.fingerprint === fingerprint });
    ctx.reject(AUTH_METHODS);
  }

  private async isNewNick(nick: string): Promise<boolean> {
    const { accounts } = this.host;
    try {
      accounts.validateNick(nick);
    } catch {
      return false;
    }
    return !(await accounts.exists(nick));
  }

  /** The key offered for the nick just registered, bound to it: the note for the user, or why it was not. */
  private async bindOffered(nick: string): Promise<string[]> {
    const offered = this.offered;
    if (!offered) return [];
    try {
      const added = await this.host.accounts.keys.add(nick, `${offered.key.type} ${offered.key.getPublicSSH().toString('base64')}`);
      return [`your key ${added.fingerprint} is on your account now: ssh logs in with it. /key list shows your keys.`];
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return [errorLine(refusal.code, refusal.message)];
    }
  }
}
