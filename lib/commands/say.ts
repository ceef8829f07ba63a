import type { CommandSpec } from './command.js';
import { required } from './command.js';

/** Plain lines arrive here too: a message to the session's current room. */
export const say: CommandSpec = {
  name: 'say',
  params: ['text...'],
  usage: '/say <message>',
  summary: 'send a message to your current room (same as typing it without a slash)',
  details: ['Useful for a message that starts with a slash:  /say /etc is a directory', 'A line starting with // also sends the rest as is: //shrug'],
  pipelined: true,
  async run(ctx, args) {
    ctx.finishLater((await ctx.chat.messages.post(ctx.nick, ctx.currentRoom, required(args, 'text'))).stored);
  },
};
