import type { CommandSpec } from './command.js';
import { refuse } from '../chat/refusals.js';

export const color: CommandSpec = {
  name: 'color',
  aliases: ['colour'],
  params: ['?setting'],
  usage: '/color [on|off]',
  summary: 'ANSI colours for nicks, times and server lines, on this connection',
  details: [
    'Example:  /color on',
    'Off on every new connection, since nc and scripts see the escape codes as text (on at an SSH',
    'terminal); your other connections are not affected. chat-line asks for it at a terminal.',
  ],
  run(ctx, args) {
    const setting = args.setting?.toLowerCase();
    if (setting === undefined) {
      ctx.info(`colour is ${ctx.colour ? 'on' : 'off'} on this connection. /color on or /color off to change it.`);
      return;
    }
    if (setting !== 'on' && setting !== 'off') throw refuse.invalidArgument('Say /color on or /color off.');
    ctx.colour = setting === 'on';
    ctx.info(setting === 'on' ? 'colour is on for this connection; /color off turns it off' : 'colour is off');
  },
};
