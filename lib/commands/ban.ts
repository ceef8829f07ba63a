import { stripNickSigil } from '../chat/text/names.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';

export const ban: CommandSpec = {
  name: 'ban',
  aliases: ['report'],
  params: ['nick'],
  usage: '/ban <nick>',
  summary: 'report a user; enough reports ban them from sending for a while',
  details: [
    'Example:  /ban spammer',
    'Each user counts once per ban cycle; reports from 3 different users (by default) ban',
    'the user from sending for 4 hours. They are told they were reported, not by whom.',
    'Reports count from accounts at least an hour old that have sent 3 messages (by default).',
    'Operators cannot be banned by reports.',
  ],
  async run(ctx, args) {
    const outcome = await ctx.chat.reports.report(ctx.nick, stripNickSigil(required(args, 'nick')));
    ctx.info(outcome.ban ? `you reported ${outcome.target}; that makes ${outcome.reports} reports, and they are now banned from sending` : `you reported ${outcome.target} (${outcome.reports} report${outcome.reports === 1 ? '' : 's'} so far)`);
    ctx.chat.reports.announce(outcome);
  },
};
