import type { CommandSpec } from './command.js';
import { notSelf, registeredUser } from './user-arg.js';

export const ignore: CommandSpec = {
  name: 'ignore',
  params: ['?nick'],
  usage: '/ignore [nick]',
  summary: 'receive nothing more from a user, in rooms or privately; without a nick, list whom you ignore',
  details: ['Example:  /ignore spammer', 'Example:  /ignore         lists whom you ignore', 'It lasts until /unignore, across logins.'],
  async run(ctx, args) {
    if (args.nick === undefined) {
      const ignored = await ctx.chat.profiles.listIgnored(ctx.nick);
      ctx.info(ignored.length === 0 ? 'you ignore nobody. /ignore <nick> to start.' : `you ignore (${ignored.length}): ${ignored.join(' ')}`);
      return;
    }
    const user = await registeredUser(ctx, args.nick);
    notSelf(ctx, user.nick, 'That is you. To stop seeing everything, /quit.');
    if (await ctx.chat.profiles.setIgnored(ctx.nick, user.nick, true)) {
      ctx.info(`you now ignore ${user.nick}: nothing from them reaches you. /unignore ${user.nick} to undo.`);
    } else {
      ctx.info(`you already ignore ${user.nick}`);
    }
  },
};
