import type { Duplex } from 'node:stream';
import type { Accounts } from '../../auth/accounts.js';
import type { ChatCore } from '../../chat/chat-core.js';
import type { CatchUpCutoff } from '../../chat/hub/delivery-order.js';
import type { Delivery } from '../../chat/hub/delivery.js';
import type { NoticeDelivery } from '../../chat/hub/notice.js';
import type { OnlineUser } from '../../chat/hub/online-user.js';
import type { CommandSpec } from '../../commands/command.js';
import type { ServerConfig } from '../../config.js';
import { hostOf } from '../../session/addresses.js';
import type { QueuedLine } from '../../session/line-queue.js';
import { Session, type SessionDeps } from '../../session/session.js';
import type { NewMessage, UserRecord } from '../../store/records.js';
import { CapabilityNegotiation } from './capabilities.js';
import { CAPS, OFFERED_CAPABILITIES, presentationBits } from './irc-caps.js';
import { IrcFramer, type IrcFramerHandlers, type IrcLineRejection } from './irc-framer.js';
import { IRC_SERVER_NAME, SERVICE_NICK, userMask } from './irc-identity.js';
import { IrcParseError, parseIrcLine, type IrcMessage } from './irc-message.js';
import { OwnSends, type OwnSend } from './irc-own-sends.js';
import { ircMessageBytes, ircNoticeBytes, messageLines } from './irc-presenter.js';
import { refusalReplies, type RefusedCommand } from './irc-refusals.js';
import { IrcRegistration } from './irc-registration.js';
import { IrcResponse } from './irc-response.js';
import { runVerb } from './irc-verbs.js';
import { welcomeIrcUser } from './irc-welcome-flow.js';
import type { IrcConnection } from './irc-connection.js';
import { channelBurst } from './irc-channel-info.js';
import { ircEquals } from './casemap.js';
import { numericReply, textReply, type NumericName, type TextNumericName } from './numerics.js';

/** What the IRC front end needs beyond what every session does. */
export interface IrcSessionDeps extends SessionDeps {
  accounts: Accounts;
  commands: ReadonlyMap<string, CommandSpec>;
}

/** Stands for a line the framer refused for a NUL: parseIrcLine refuses it in its turn. */
const NUL_LINE = '\0';

/**
 * A connection that speaks IRC: bytes through the IRC framer, registration (CAP, NICK,
 * USER, PASS, SASL) until the client is in the chat, then each line an IRC verb
 * (irc-verbs.ts); what the chat delivers as IRC messages (irc-presenter.ts). Lines are
 * handled one at a time with the fakelag every session has.
 */
export class IrcSession extends Session implements IrcFramerHandlers, IrcConnection {
  readonly caps = new CapabilityNegotiation(IRC_SERVER_NAME, OFFERED_CAPABILITIES);
  readonly clientHost: string;
  private readonly framer: IrcFramer;
  /** Until the client is in: then dropped. */
  private registration: IrcRegistration | undefined;
  guest = false;
  bits = 0;
  since = 0;
  /** The user's nick lower-cased, as Delivery.fromKey is: '' until registered. */
  private ownKey = '';
  private readonly ownSends = new OwnSends();
  /** The command being handled, to name what a refusal refuses. */
  private current: RefusedCommand | undefined;
  /** Replies to a labeled command, sent together when it is done (labeled-response). */
  private response: IrcResponse | undefined;

  constructor(id: number, stream: Duplex, address: string, private readonly irc: IrcSessionDeps) {
    super(id, stream, address, irc);
    this.framer = new IrcFramer(this);
    this.clientHost = hostOf(address);
    this.registration = new IrcRegistration({
      caps: this.caps,
      accounts: irc.accounts,
      clientHost: this.clientHost,
      guestsAllowed: irc.config.ircGuests,
      now: () => this.now(),
      send: (message) => {
        this.send(message);
      },
      close: (reason) => {
        this.close(reason);
      },
      checking: (active) => {
        if (active) this.loginTimer?.stop();
        else this.loginTimer?.start();
      },
      enter: (record, created, guest) => this.enter(record, created, guest),
    });
  }

  start(): void {
    this.log.info('session.connect', { address: this.address, protocol: 'irc' });
    this.loginTimer?.start();
  }

  // ---- IrcConnection ---------------------------------------------------------------

  get chat(): ChatCore {
    return this.deps.chat;
  }

  get accounts(): Accounts {
    return this.irc.accounts;
  }

  get config(): ServerConfig {
    return this.deps.config;
  }

  get commands(): ReadonlyMap<string, CommandSpec> {
    return this.irc.commands;
  }

  get me(): OnlineUser {
    if (!this.user) throw new Error('not registered yet');
    return this.user;
  }

  now(): number {
    return this.deps.clock.now();
  }

  /** The nick numerics are addressed to: the user's, or the one given so far. */
  private get target(): string | undefined {
    return this.user?.nick ?? this.registration?.currentNick;
  }

  send(message: IrcMessage): void {
    if (this.response) this.response.add(message);
    else this.write(IrcResponse.bytes(message, this.log));
  }

  reply(name: NumericName, ...params: string[]): void {
    this.send(numericReply(IRC_SERVER_NAME, this.target, name, ...params));
  }

  textReply(name: TextNumericName, ...params: string[]): void {
    this.send(textReply(IRC_SERVER_NAME, this.target, name, ...params));
  }

  serviceNotice(text: string): void {
    this.send({ source: userMask(SERVICE_NICK), command: 'NOTICE', params: [this.target ?? '*', text] });
  }

  expectEcho(message: NewMessage): OwnSend {
    return this.ownSends.expect(message, this.response?.label);
  }

  forgetEcho(send: OwnSend): void {
    this.ownSends.forget(send);
  }

  answeredByEcho(): void {
    if (this.caps.has(CAPS.echoMessage)) this.response?.answeredLater();
  }

  becameAccount(): void {
    this.guest = false;
  }

  capsChanged(): void {
    this.bits = presentationBits(this.caps.enabled);
  }

  // ---- input -----------------------------------------------------------------------

  protected received(chunk: Buffer): void {
    this.framer.push(chunk);
  }

  onLine(line: string): void {
    this.enqueueLine(line, undefined);
  }

  /** Refused in its turn, after the answers to the lines before it. */
  onReject(reason: IrcLineRejection, bytes: number): void {
    if (reason === 'too-long') this.enqueueLine('', undefined, bytes);
    else this.enqueueLine(NUL_LINE, undefined);
  }

  protected async handleLine(line: QueuedLine): Promise<void> {
    this.current = undefined;
    if (line.tooLong !== undefined) {
      this.textReply('ERR_INPUTTOOLONG');
      return;
    }
    const parsed = parseIrcLine(line.text);
    if (parsed instanceof IrcParseError) {
      if (parsed.code === 'INPUT_TOO_LONG') this.textReply('ERR_INPUTTOOLONG');
      else if (parsed.code === 'INVALID_CHARACTER') this.send(IrcResponse.failure(this.caps.has(CAPS.standardReplies), this.target, 'INVALID_CHARACTER', 'A line may not contain NUL; it was ignored.'));
      // Empty lines and lines without a command are ignored, as servers do.
      return;
    }
    // ASCII only: verbs are ASCII, and anything else is answered (421) as it was sent.
    const command = parsed.command.replace(/[a-z]+/g, (lower) => lower.toUpperCase());
    this.current = { command, params: parsed.params };
    const label = this.caps.has(CAPS.labeledResponse) ? parsed.tags.get('label') : undefined;
    if (label !== undefined && label !== '') this.response = new IrcResponse(label, this.caps.has(CAPS.batch));
    try {
      if (this.registration) await this.registration.handle(command, parsed.params);
      else await runVerb(this, command, parsed);
    } catch (error) {
      this.report(error);
    } finally {
      const response = this.response;
      this.response = undefined;
      if (response) this.write(response.end(this.log));
    }
  }

  // ---- output ----------------------------------------------------------------------

  protected showRefusal(code: string, message: string): void {
    const context = { server: IRC_SERVER_NAME, nick: this.target, standardReplies: this.caps.has(CAPS.standardReplies) };
    for (const reply of refusalReplies(context, code as Parameters<typeof refusalReplies>[1], message, this.current)) this.send(reply);
  }

  protected showGoodbye(reason: string): void {
    this.send({ command: 'ERROR', params: [`Closing link: ${reason}`] });
  }

  protected messageBytes(delivery: Delivery): Buffer {
    const { message } = delivery;
    // The hot path of fan-out: one comparison of lower-cased nicks made once (Delivery.fromKey, ownKey).
    const own = delivery.fromKey === this.ownKey ? this.ownSends.take(message) : undefined;
    if (own) {
      if (!this.caps.has(CAPS.echoMessage)) return Buffer.alloc(0);
      if (own.label !== undefined) return Buffer.from(messageLines(message, delivery.shown, this.bits, { extra: [['label', own.label]] }));
    }
    return ircMessageBytes(delivery, this.bits);
  }

  protected noticeBytes(delivery: NoticeDelivery): Buffer {
    const bytes = ircNoticeBytes(delivery, this.bits, this.now(), this.target ?? '*', (nick) => this.chat.rooms.isGuest(nick));
    const { notice } = delivery;
    // This user joined (here or in another of its sessions): the channel's topic and NAMES follow its JOIN, as IRC clients expect.
    const state = notice.kind === 'joined' && this.user && ircEquals(notice.nick, this.user.nick) ? this.chat.rooms.get(notice.room) : undefined;
    if (!state) return bytes;
    return Buffer.concat([bytes, ...channelBurst(this, state).map((reply) => IrcResponse.bytes(reply, this.log))]);
  }

  // ---- login -----------------------------------------------------------------------

  private async enter(record: UserRecord, created: boolean, guest: boolean): Promise<void> {
    this.guest = guest;
    this.since = record.createdAt;
    this.ownKey = record.nick.toLowerCase();
    await this.enterChat(record, created, { guest });
  }

  protected async welcome(user: OnlineUser, cutoff: CatchUpCutoff, created: boolean): Promise<void> {
    this.registration = undefined;
    this.caps.registered();
    this.bits = presentationBits(this.caps.enabled);
    await welcomeIrcUser(this, user, cutoff, created);
  }
}
