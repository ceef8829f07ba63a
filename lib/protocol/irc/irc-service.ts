import { refusalOf } from '../../chat/refusals.js';
import { runCommand } from '../../commands/dispatch.js';
import type { IrcConnection } from './irc-connection.js';
import { guestRegisters } from './irc-account-registration.js';
import { IrcServiceContext } from './irc-service-context.js';

/** Commands a guest may give the service nick: everything else needs an account. */
const GUEST_COMMANDS: ReadonlySet<string> = new Set(['help', 'register', 'motd', 'status', 'who', 'get_chats', 'list', 'rooms']);

/** What the service says to `help`, before the line protocol's list. */
const SERVICE_HELP = [
  'I run chat-line commands for IRC clients: /msg *server* <command> [arguments], or /quote <COMMAND> [arguments].',
  'register <password>: keep the nick you are using as an account (guests).',
];

/**
 * The service nick `*server*`: a line sent to it is a chat-line command without its slash
 * (`schedule +10m stand-up`, `thread hxdbrws`), run as on the line protocol, its answers
 * and refusals coming back as NOTICEs. `register <password>` is its own: a guest keeps
 * its nick as an account.
 */
export async function runService(conn: IrcConnection, text: string): Promise<void> {
  const line = text.trim().replace(/^\//, '');
  const space = line.search(/\s/);
  const name = (space === -1 ? line : line.slice(0, space)).toLowerCase();
  const rest = space === -1 ? '' : line.slice(space + 1).trim();
  await runServiceCommand(conn, name, rest);
}

export async function runServiceCommand(conn: IrcConnection, name: string, rest: string): Promise<void> {
  try {
    if (name === '' || name === 'help') for (const help of SERVICE_HELP) conn.serviceNotice(help);
    if (name === 'register') {
      await register(conn, rest);
      return;
    }
    if (conn.guest && !GUEST_COMMANDS.has(name)) {
      conn.serviceNotice(`ACCOUNT_REQUIRED: /${name} needs an account. Keep your nick as one first: /msg *server* register <password>`);
      return;
    }
    if (name === '') return;
    await runCommand(new IrcServiceContext(conn), name, rest);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    conn.serviceNotice(`${refusal.code}: ${refusal.message}`);
  }
}

/** A guest registers the nick it is using; an account is told it has one. */
async function register(conn: IrcConnection, password: string): Promise<void> {
  const nick = conn.me.nick;
  if (!conn.guest) {
    conn.serviceNotice(`You are logged in to the account ${nick} already. /msg *server* password <old> <new> changes its password.`);
    return;
  }
  if (password === '' || /\s/.test(password)) {
    conn.serviceNotice('MISSING_ARGUMENT: Usage: /msg *server* register <password> (one word)');
    return;
  }
  const outcome = await guestRegisters(conn, ['*', '*', password]);
  if (outcome.ok) conn.serviceNotice(`You registered ${nick}. Next time, log in with that password (PASS or SASL); telnet works too.`);
  else conn.serviceNotice(`${outcome.replies[0]?.params[1] ?? 'FAIL'}: ${outcome.replies[0]?.params[3] ?? ''}`);
}
