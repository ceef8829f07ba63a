import { isValidNick, stripNickSigil } from '../chat/text/names.js';
import type { UserRecord } from '../store/records.js';
import type { CommandContext } from './command.js';
import { refuse } from '../chat/refusals.js';

/** The registered user a command argument names (`bob` or `@bob`, any case), or NO_SUCH_USER. */
export async function registeredUser(ctx: CommandContext, input: string): Promise<UserRecord> {
  const nick = stripNickSigil(input);
  const user = isValidNick(nick) ? await ctx.chat.user(nick) : undefined;
  if (!user) throw refuse.noSuchUser(nick);
  return user;
}

/** Refuses a command aimed at its own user (`/ignore` yourself, `/kick` yourself). */
export function notSelf(ctx: CommandContext, nick: string, refusal: string): void {
  if (nick.toLowerCase() === ctx.nick.toLowerCase()) throw refuse.yourself(refusal);
}
