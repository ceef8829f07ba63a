import type { CommandSpec } from './command.js';
import { refuse } from '../chat/refusals.js';

export const color: CommandSpec = {
  name: 'color',
  aliases: ['colour'],
  params: ['?setting'],
  usage: '/color [on|off]',
  summary: 'ANSI colours for nicks, times and server lines, for your terminal; kept across logins',
  details: [
    'Example:  /color on',
    'Off by default, since nc and scripts see the escape codes as text. chat-line turns it on at a terminal.',
  ],
  async run(ctx, args) {
    const setting = args.setting?.toLowerCase();
    if (setting === undefined) {
      ctx.info(`colour is ${ctx.user.color ? 'on' : 'off'}. /color on or /color off to change it.`);
      return;
    }
    if (setting !== 'on' && setting !== 'off') throw refuse.invalidArgument('Say /color on or /color off.');
    await ctx.chat.profiles.setColor(ctx.nick, setting === 'on');
    ctx.info(setting === 'on' ? 'colour is on; /color off turns it off' : 'colour is off');
  },
};
