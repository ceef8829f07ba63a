import type { Accounts } from '../../auth/accounts.js';
import { refusalOf } from '../../chat/refusals.js';
import type { UserRecord } from '../../store/records.js';
import { ircEquals } from './casemap.js';
import { IRC_SERVER_NAME, userMask } from './irc-identity.js';
import type { IrcConnection } from './irc-connection.js';
import type { IrcMessage } from './irc-message.js';
import { numericReply } from './numerics.js';

/** The capability, with what chat-line's REGISTER does: before connecting too; the account is the nick; no email. */
export const ACCOUNT_REGISTRATION = { name: 'draft/account-registration', value: 'before-connect' };

export type RegisterOutcome = { ok: true; user: UserRecord; replies: IrcMessage[] } | { ok: false; replies: IrcMessage[] };

function fail(code: string, account: string, text: string): RegisterOutcome {
  return { ok: false, replies: [{ source: IRC_SERVER_NAME, command: 'FAIL', params: ['REGISTER', code, account, text] }] };
}

/**
 * IRCv3 draft/account-registration: `REGISTER <account> <email|*> <password>`. The account
 * is the nick the client uses (`*` says so too): chat-line's accounts are nicks. On success
 * the client is logged in to it (900), as the spec asks.
 */
export async function registerAccount(
  accounts: Accounts,
  params: readonly string[],
  nick: string | undefined,
  clientHost: string,
  options: { holder: boolean },
): Promise<RegisterOutcome> {
  const [named = '', , password] = params;
  if (password === undefined) return fail('INVALID_PARAMS', named || '*', 'Usage: REGISTER <account> <email or *> <password>');
  if (nick === undefined) return fail('NEED_NICK', named || '*', 'Send NICK first: the account is your nick.');
  const account = named === '*' ? nick : named;
  if (!ircEquals(account, nick)) return fail('BAD_ACCOUNT_NAME', account, `Accounts are nicks here: register ${nick}, the nick you use (or *).`);
  try {
    const user = await accounts.createAccount(nick, password, clientHost, options);
    return {
      ok: true,
      user,
      replies: [
        { source: IRC_SERVER_NAME, command: 'REGISTER', params: ['SUCCESS', user.nick, `You registered ${user.nick}; log in with that password next time (PASS or SASL).`] },
        numericReply(IRC_SERVER_NAME, nick, 'RPL_LOGGEDIN', userMask(nick), user.nick, `You are now logged in as ${user.nick}`),
      ],
    };
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const code = refusal.code === 'NICK_IN_USE' || refusal.code === 'NICK_LOOKALIKE' ? 'ACCOUNT_EXISTS' : refusal.code === 'INVALID_NICK' ? 'BAD_ACCOUNT_NAME' : refusal.code === 'INVALID_ARGUMENT' ? 'WEAK_PASSWORD' : 'TEMPORARILY_UNAVAILABLE';
    return fail(code, account, refusal.message);
  }
}

/** A guest registers the nick it is using: from then on it is that account, its rooms kept. */
export async function guestRegisters(conn: IrcConnection, params: readonly string[]): Promise<RegisterOutcome> {
  const outcome = await registerAccount(conn.accounts, params, conn.me.nick, conn.clientHost, { holder: true });
  if (outcome.ok) {
    await conn.chat.rooms.guestRegistered(conn.me.nick);
    conn.becameAccount();
  }
  return outcome;
}
