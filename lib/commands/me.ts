import type { CommandSpec } from './command.js';
import { required } from './command.js';

export const me: CommandSpec = {
  name: 'me',
  params: ['action...'],
  usage: '/me <action>',
  summary: 'tell the current room what you are doing, shown as * alice waves',
  details: ['Example:  /me waves    everyone in the room sees  [14:05] #general [hxdbrws] * alice waves'],
  pipelined: true,
  async run(ctx, args) {
    ctx.finishLater((await ctx.chat.messages.post(ctx.nick, ctx.currentRoom, required(args, 'action'), { action: true })).stored);
  },
};
