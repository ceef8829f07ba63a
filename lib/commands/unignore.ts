import { stripNickSigil } from '../chat/text/names.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';

export const unignore: CommandSpec = {
  name: 'unignore',
  params: ['nick'],
  usage: '/unignore <nick>',
  summary: 'receive messages from a user you ignored again',
  details: ['Example:  /unignore bob', 'What they sent while ignored stays hidden.'],
  async run(ctx, args) {
    const nick = stripNickSigil(required(args, 'nick'));
    if (await ctx.chat.profiles.setIgnored(ctx.nick, nick, false)) ctx.info(`you no longer ignore ${nick}`);
    else ctx.info(`you were not ignoring ${nick}. /ignore lists whom you ignore.`);
  },
};
