import type { Accounts } from '../../auth/accounts.js';
import type { ChatCore } from '../../chat/chat-core.js';
import type { OnlineUser } from '../../chat/hub/online-user.js';
import type { CommandSpec } from '../../commands/command.js';
import type { ServerConfig } from '../../config.js';
import type { NewMessage } from '../../store/records.js';
import type { CapabilityNegotiation } from './capabilities.js';
import type { IrcMessage } from './irc-message.js';
import type { OwnSend } from './irc-own-sends.js';
import type { NumericName, TextNumericName } from './numerics.js';

/**
 * What the handlers of IRC verbs (irc-verbs.ts and the files it lists) see of the
 * connection they answer: the chat's services, the logged-in user, and ways to reply.
 */
export interface IrcConnection {
  readonly chat: ChatCore;
  readonly accounts: Accounts;
  readonly config: ServerConfig;
  readonly commands: ReadonlyMap<string, CommandSpec>;
  /** The user this client is (it has registered). */
  readonly me: OnlineUser;
  /** When the account was made (a guest: when it connected): private history starts there. */
  readonly since: number;
  /** Connected without an account (see ChatCore.attach). */
  readonly guest: boolean;
  readonly caps: CapabilityNegotiation;
  /** The tags and forms this client asked for (irc-caps.ts). */
  readonly bits: number;
  /** The client's host (throttles count per host). */
  readonly clientHost: string;
  /** The room a chat-line command run for this client takes as its current one (see CommandContext). */
  currentRoom: string;
  /** Where this client reached us, `host:port`. */
  serverAddress(): string;
  now(): number;
  send(message: IrcMessage): void;
  /** A numeric to this client, its nick first. */
  reply(name: NumericName, ...params: string[]): void;
  /** The same with the numeric's usual text last. */
  textReply(name: TextNumericName, ...params: string[]): void;
  /** A NOTICE from the service nick. */
  serviceNotice(text: string): void;
  /** A message this client sends now will come back: shown to it only with echo-message. */
  expectEcho(message: NewMessage): OwnSend;
  forgetEcho(send: OwnSend): void;
  /** The reply to the command being handled is its echo (labeled-response): no ACK. */
  answeredByEcho(): void;
  /** The capabilities changed (CAP REQ after registration): messages look as now asked. */
  capsChanged(): void;
  /** Shows a refusal as the command being handled gets it. */
  report(error: unknown): void;
  finishLater(stored: Promise<unknown>): void;
  allFinished(): Promise<void>;
  close(reason: string): void;
  /** Registration again for a guest who registered its nick: it is that account now. */
  becameAccount(): void;
}
