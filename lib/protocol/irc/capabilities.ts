import type { IrcMessage } from './irc-message.js';
import { NO_NICK, textReply } from './numerics.js';
import { packWords, roomForLastParam } from './pack-words.js';
import { cutToBytes } from './split-text.js';

/**
 * IRCv3 capability negotiation ("Client Capability Negotiation", CAP LS 302) for one
 * connection: what the client asked for, what it has, and whether its registration must
 * wait. Pure: handle() returns the replies and the caller sends them.
 *
 * - `CAP LS [version]` lists the server's capabilities; from 302 on with their values and,
 *   when they do not fit one line, over several with `*` before all but the last. A client
 *   that once said 302 is a 302 client for good, and has cap-notify without asking.
 * - `CAP REQ :a -b c` is taken whole or refused whole (ACK or NAK echoing the request);
 *   `-b` turns b off. Unknown names, values (`sasl=PLAIN`) and turning cap-notify off
 *   after 302 refuse the request.
 * - `CAP LIST` lists what is on; `CAP END` lets registration go on.
 * - CAP LS or CAP REQ before registration holds it until CAP END (registrationHeld).
 */

export interface ServerCapability {
  name: string;
  /** Sent as `name=value` to clients of version 302 and later. */
  value?: string;
}

export const CAP_NOTIFY = 'cap-notify';
/** The version from which values, multi-line replies and the implicit cap-notify apply. */
export const CAP_VERSION_302 = 302;

export class CapabilityNegotiation {
  private readonly offered: ReadonlyMap<string, ServerCapability>;
  private readonly enabledCaps = new Set<string>();
  private capVersion = 0;
  private held = false;
  private isRegistered = false;

  /** `capabilities` in the order they are listed to clients. */
  constructor(
    private readonly server: string,
    capabilities: readonly ServerCapability[],
  ) {
    this.offered = new Map(capabilities.map((cap) => [cap.name, cap]));
  }

  /** The highest CAP LS version the client has sent (0 if none). */
  get version(): number {
    return this.capVersion;
  }

  /** Registration must wait for CAP END. */
  get registrationHeld(): boolean {
    return this.held;
  }

  /** The capabilities on for this connection, in the order they were turned on. */
  get enabled(): ReadonlySet<string> {
    return this.enabledCaps;
  }

  has(name: string): boolean {
    return this.enabledCaps.has(name);
  }

  /** The connection has registered: from now on nothing holds it and CAP END is ignored. */
  registered(): void {
    this.isRegistered = true;
    this.held = false;
  }

  /** Handles `CAP <params...>` from a client known as `nick` (undefined before NICK). */
  handle(nick: string | undefined, params: readonly string[]): IrcMessage[] {
    const target = nick === undefined || nick === '' ? NO_NICK : nick;
    const [subcommand, ...args] = params;
    if (subcommand === undefined) return [textReply(this.server, nick, 'ERR_NEEDMOREPARAMS', 'CAP')];
    switch (subcommand.toUpperCase()) {
      case 'LS':
        return this.ls(target, args[0]);
      case 'LIST':
        return this.list(target);
      case 'REQ':
        return args[0] === undefined ? this.invalid(nick, subcommand) : this.req(target, args[0]);
      case 'END':
        if (!this.isRegistered) this.held = false;
        return [];
      default:
        return this.invalid(nick, subcommand);
    }
  }

  private invalid(nick: string | undefined, subcommand: string): IrcMessage[] {
    return [textReply(this.server, nick, 'ERR_INVALIDCAPCMD', subcommand)];
  }

  private hold(): void {
    if (!this.isRegistered) this.held = true;
  }

  private ls(target: string, versionParam: string | undefined): IrcMessage[] {
    this.hold();
    const asked = versionParam === undefined ? 0 : Number.parseInt(versionParam, 10);
    const requested = Number.isNaN(asked) ? 0 : asked;
    // A lower version later does not take back what a higher one turned on.
    if (requested > this.capVersion) this.capVersion = requested;
    if (this.capVersion >= CAP_VERSION_302 && this.offered.has(CAP_NOTIFY)) this.enabledCaps.add(CAP_NOTIFY);
    // The reply follows the version of this request.
    const modern = requested >= CAP_VERSION_302;
    const names = [...this.offered.values()].map((cap) => (modern && cap.value !== undefined ? `${cap.name}=${cap.value}` : cap.name));
    return this.listReplies(target, 'LS', names, modern);
  }

  private list(target: string): IrcMessage[] {
    return this.listReplies(target, 'LIST', [...this.enabledCaps], this.capVersion >= CAP_VERSION_302);
  }

  /**
   * `CAP <target> <subcommand> [*] :<names>`, over as many lines as it takes. Older clients
   * know no `*`: if their list ever outgrew a line they would get lines without it rather
   * than one too long to read.
   */
  private listReplies(target: string, subcommand: string, names: readonly string[], multiline: boolean): IrcMessage[] {
    const room = roomForLastParam({ source: this.server, command: 'CAP', params: [target, subcommand, '*', ''] });
    const groups = packWords(names, room);
    if (groups.length === 0) groups.push([]);
    return groups.map((group, i) => {
      const more = multiline && i < groups.length - 1 ? ['*'] : [];
      return { source: this.server, command: 'CAP', params: [target, subcommand, ...more, group.join(' ')] };
    });
  }

  private req(target: string, list: string): IrcMessage[] {
    this.hold();
    const requested = list.split(' ').filter((word) => word !== '');
    const changes = requested.map((word) => (word.startsWith('-') ? { name: word.slice(1), on: false } : { name: word, on: true }));
    const acceptable = changes.every(({ name, on }) => this.offered.has(name) && (on || !(name === CAP_NOTIFY && this.capVersion >= CAP_VERSION_302)));
    if (!acceptable) {
      // One line, cut if it must be: the request may hold names of any length, and is refused anyway.
      const room = roomForLastParam({ source: this.server, command: 'CAP', params: [target, 'NAK', ''] });
      return [{ source: this.server, command: 'CAP', params: [target, 'NAK', cutToBytes(requested.join(' '), room)] }];
    }
    for (const { name, on } of changes) {
      if (on) this.enabledCaps.add(name);
      else this.enabledCaps.delete(name);
    }
    // Only offered names, so every word fits; a long ACK goes over several lines, applied at the last.
    return this.listReplies(target, 'ACK', requested, false);
  }
}
