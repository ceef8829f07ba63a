import { LineClient } from './line-client.js';

/** What an IRC client asks for while registering. */
export interface IrcRegistration {
  /** Capabilities to request (CAP LS 302 / REQ / END around registration). */
  caps?: readonly string[];
  /** Sent as PASS. */
  pass?: string;
  /** The user part of USER (default: the nick). */
  user?: string;
}

/** A raw IRC connection: a LineClient (CRLF lines both ways) that speaks IRC. */
export async function ircConnect(port: number, from?: string): Promise<LineClient> {
  return LineClient.connect(port, '127.0.0.1', { localAddress: from });
}

/** Sends one IRC line (CRLF, as IRC clients do). */
export function ircSend(client: LineClient, line: string): void {
  client.writeRaw(`${line}\r\n`);
}

/** Registers and waits for the end of the welcome (the NAMES of #general, which everyone is in). */
export async function ircRegister(client: LineClient, nick: string, options: IrcRegistration = {}): Promise<void> {
  client.nick = nick;
  if (options.caps) ircSend(client, 'CAP LS 302');
  if (options.pass !== undefined) ircSend(client, `PASS ${options.pass}`);
  ircSend(client, `NICK ${nick}`);
  ircSend(client, `USER ${options.user ?? nick} 0 * :${nick}`);
  if (options.caps) {
    if (options.caps.length > 0) ircSend(client, `CAP REQ :${options.caps.join(' ')}`);
    ircSend(client, 'CAP END');
  }
  await client.waitFor(/ 001 /);
  await client.waitFor(/ 366 \S+ #general /);
}

/** Connects and registers in one go. */
export async function ircLogin(port: number, nick: string, options: IrcRegistration = {}): Promise<LineClient> {
  const client = await ircConnect(port);
  await ircRegister(client, nick, options);
  return client;
}

/** The parts of an IRC line, for matching: tags (raw), source, command, params (trailing without ':'). */
export function ircParts(line: string): { tags: string; source: string; command: string; params: string[] } {
  const match = /^(?:@(\S+) )?(?::(\S+) )?(\S+)(.*)$/.exec(line);
  const rest = match?.[4] ?? '';
  const colon = rest.indexOf(' :');
  const middle = (colon === -1 ? rest : rest.slice(0, colon)).split(' ').filter((p) => p !== '');
  return { tags: match?.[1] ?? '', source: match?.[2] ?? '', command: match?.[3] ?? '', params: colon === -1 ? middle : [...middle, rest.slice(colon + 2)] };
}
