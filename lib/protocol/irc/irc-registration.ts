import type { Accounts } from '../../auth/accounts.js';
import { refuse, refusalOf } from '../../chat/refusals.js';
import { isValidNick } from '../../chat/text/names.js';
import type { UserRecord } from '../../store/records.js';
import type { CapabilityNegotiation } from './capabilities.js';
import { ircNickToChatNick } from './casemap.js';
import { registerAccount } from './irc-account-registration.js';
import { IRC_SERVER_NAME, userMask } from './irc-identity.js';
import type { IrcMessage } from './irc-message.js';
import { numericReply, textReply } from './numerics.js';
import { SaslExchange, type SaslOutcome } from './sasl.js';

/** What registration needs of its session. */
export interface RegistrationHost {
  readonly caps: CapabilityNegotiation;
  readonly accounts: Accounts;
  /** The client's host (throttles count per host). */
  readonly clientHost: string;
  /** `--irc-guests`: a client may chat without an account. */
  readonly guestsAllowed: boolean;
  now(): number;
  send(message: IrcMessage): void;
  close(reason: string): void;
  /** A password is being checked: the login timeout waits (as on the line protocol). */
  checking(active: boolean): void;
  /** Registration is done: into the chat as this account, or as a guest. */
  enter(record: UserRecord, created: boolean, guest: boolean): Promise<void>;
}

/**
 * An IRC connection before it is in the chat: CAP negotiation, NICK, USER, PASS and SASL
 * PLAIN, until it has a nick, a user and (unless it is a guest) an account. Accounts are
 * the line protocol's: `PASS <password>` (or `PASS <account>:<password>`) logs in, and
 * registers a nick nobody has, as the first password does at the telnet prompt; SASL
 * PLAIN logs in to an existing account. Without a password the client is a guest, if the
 * server lets guests in, under a nick that is nobody's account.
 */
export class IrcRegistration {
  private nick: string | undefined;
  private hasUser = false;
  private password: string | undefined;
  private readonly sasl = new SaslExchange();
  private saslAccount: UserRecord | undefined;
  /** A registration attempt is being checked: later lines wait for it. */
  private completing = false;

  constructor(private readonly host: RegistrationHost) {}

  /** The nick so far, for numerics (`*` before NICK). */
  get currentNick(): string | undefined {
    return this.nick;
  }

  async handle(command: string, params: readonly string[]): Promise<void> {
    const { host } = this;
    switch (command) {
      case 'CAP':
        for (const reply of host.caps.handle(this.nick, params)) host.send(reply);
        break;
      case 'PASS':
        if (params[0] === undefined) host.send(textReply(IRC_SERVER_NAME, this.nick, 'ERR_NEEDMOREPARAMS', 'PASS'));
        else this.password = params[0];
        return;
      case 'NICK':
        this.setNick(params[0]);
        break;
      case 'USER':
        if (params.length < 4) {
          host.send(textReply(IRC_SERVER_NAME, this.nick, 'ERR_NEEDMOREPARAMS', 'USER'));
          return;
        }
        this.hasUser = true;
        break;
      case 'AUTHENTICATE':
        await this.authenticate(params[0] ?? '');
        break;
      case 'REGISTER': {
        const outcome = this.saslAccount ? undefined : await registerAccount(host.accounts, params, this.nick, host.clientHost, { holder: false });
        for (const reply of outcome?.replies ?? []) host.send(reply);
        if (outcome?.ok) this.saslAccount = outcome.user;
        break;
      }
      case 'PING':
        host.send({ source: IRC_SERVER_NAME, command: 'PONG', params: [IRC_SERVER_NAME, params[0] ?? ''] });
        return;
      case 'PONG':
        return;
      case 'QUIT':
        host.close('bye!');
        return;
      default:
        host.send(textReply(IRC_SERVER_NAME, this.nick, 'ERR_NOTREGISTERED'));
        return;
    }
    await this.maybeComplete();
  }

  private setNick(wanted: string | undefined): void {
    if (wanted === undefined || wanted === '') {
      this.host.send(textReply(IRC_SERVER_NAME, this.nick, 'ERR_NONICKNAMEGIVEN'));
      return;
    }
    const nick = ircNickToChatNick(wanted);
    if (nick === undefined) {
      this.host.send(numericReply(IRC_SERVER_NAME, this.nick, 'ERR_ERRONEUSNICKNAME', wanted, 'Erroneous nickname: a nick is 1-24 characters, a letter, then letters, digits, _ or -'));
      return;
    }
    this.nick = nick;
  }

  private async authenticate(param: string): Promise<void> {
    const { host } = this;
    const outcome: SaslOutcome = this.saslAccount ? { kind: 'already' } : this.sasl.authenticate(param);
    const reply = (name: Parameters<typeof textReply>[2]): void => {
      host.send(textReply(IRC_SERVER_NAME, this.nick, name));
    };
    switch (outcome.kind) {
      case 'continue':
        host.send({ command: 'AUTHENTICATE', params: ['+'] });
        return;
      case 'more':
        return;
      case 'unknown-mechanism':
        host.send(numericReply(IRC_SERVER_NAME, this.nick, 'RPL_SASLMECHS', outcome.mechanisms, 'are available SASL mechanisms'));
        reply('ERR_SASLFAIL');
        return;
      case 'failed':
        reply('ERR_SASLFAIL');
        return;
      case 'too-long':
        reply('ERR_SASLTOOLONG');
        return;
      case 'aborted':
        reply('ERR_SASLABORTED');
        return;
      case 'already':
        reply('ERR_SASLALREADY');
        return;
      case 'credentials':
        await this.checkSasl(outcome.account, outcome.password);
    }
  }

  /** SASL logs in to an account that exists; it registers none. */
  private async checkSasl(account: string, password: string): Promise<void> {
    const { host } = this;
    host.checking(true);
    try {
      const user = isValidNick(account) && (await host.accounts.exists(account)) ? (await host.accounts.login(account, password, host.clientHost)).user : undefined;
      if (user && this.sasl.succeeded()) {
        this.saslAccount = user;
        host.send(numericReply(IRC_SERVER_NAME, this.nick, 'RPL_LOGGEDIN', userMask(this.nick ?? user.nick), user.nick, `You are now logged in as ${user.nick}`));
        host.send(textReply(IRC_SERVER_NAME, this.nick, 'RPL_SASLSUCCESS'));
        return;
      }
    } catch (error) {
      if (!refusalOf(error)) throw error;
    } finally {
      host.checking(false);
    }
    if (this.sasl.failed()) host.send(textReply(IRC_SERVER_NAME, this.nick, 'ERR_SASLFAIL'));
  }

  private async maybeComplete(): Promise<void> {
    const nick = this.nick;
    if (nick === undefined || !this.hasUser || this.host.caps.registrationHeld || this.sasl.inProgress || this.completing) return;
    this.completing = true;
    try {
      await this.complete(nick);
    } finally {
      this.completing = false;
    }
  }

  private async complete(nick: string): Promise<void> {
    const { host } = this;
    if (this.saslAccount) {
      await host.enter(this.saslAccount, false, false);
      return;
    }
    if (this.password !== undefined) {
      await this.logIn(nick, this.password);
      return;
    }
    if (!host.guestsAllowed) {
      host.send(numericReply(IRC_SERVER_NAME, nick, 'ERR_PASSWDMISMATCH', 'This server needs an account: set a password in your client (PASS or SASL). A new nick is registered with the first password given.'));
      host.close('an account is needed');
      return;
    }
    await this.enterAsGuest(nick);
  }

  /** `PASS <password>` for the nick, or `PASS <account>:<password>` for an account of another name. */
  private async logIn(nick: string, pass: string): Promise<void> {
    const { host } = this;
    const colon = pass.indexOf(':');
    const named = colon > 0 ? pass.slice(0, colon) : undefined;
    const [account, password] = named !== undefined && isValidNick(named) && (await host.accounts.exists(named)) ? [named, pass.slice(colon + 1)] : [nick, pass];
    host.checking(true);
    try {
      const { user, created } = await host.accounts.login(account, password, host.clientHost);
      await host.enter(user, created, false);
    } catch (error) {
      host.checking(false);
      this.refused(nick, error);
    }
  }

  private async enterAsGuest(nick: string): Promise<void> {
    const { host } = this;
    try {
      if (await host.accounts.exists(nick)) throw refuse.nickRegistered(nick);
      await host.accounts.checkNewNick(nick, host.clientHost);
      await host.enter({ nick, passwordHash: '', createdAt: host.now(), lastSeenAt: null, readCursor: 0 }, false, true);
    } catch (error) {
      this.refused(nick, error);
    }
  }

  /** A refused login: the nick taken (another may be tried), or the password wrong (the connection ends). */
  private refused(nick: string, error: unknown): void {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const { host } = this;
    switch (refusal.code) {
      case 'NICK_IN_USE':
      case 'NICK_LOOKALIKE':
        host.send(numericReply(IRC_SERVER_NAME, nick, 'ERR_NICKNAMEINUSE', nick, refusal.message));
        this.nick = undefined;
        return;
      case 'INVALID_NICK':
        host.send(numericReply(IRC_SERVER_NAME, nick, 'ERR_ERRONEUSNICKNAME', nick, refusal.message));
        this.nick = undefined;
        return;
      case 'WRONG_PASSWORD':
      case 'LOGIN_THROTTLED':
        host.send(numericReply(IRC_SERVER_NAME, nick, 'ERR_PASSWDMISMATCH', refusal.message));
        host.close('wrong password');
        return;
      default:
        // REGISTRATION_THROTTLED, SERVER_BUSY, STORE_RESET: nothing the client can change on this connection.
        host.close(`${refusal.code}: ${refusal.message}`);
    }
  }
}

