import { DEFAULT_ROOM } from '../chat/text/names.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { visibleRoom } from './room-arg.js';

export const leave: CommandSpec = {
  name: 'leave',
  aliases: ['part'],
  params: ['room'],
  usage: '/leave <room>',
  summary: 'leave a room (you stop receiving its messages)',
  details: ['Example:  /leave dev', `Everyone stays in #${DEFAULT_ROOM}.`],
  async run(ctx, args) {
    const room = visibleRoom(ctx, required(args, 'room'));
    const before = ctx.currentRoom;
    // Moved first, so that this session is not told again as the user's other sessions are.
    if (before === room) ctx.currentRoom = DEFAULT_ROOM;
    try {
      await ctx.chat.rooms.leave(ctx.nick, room);
    } catch (error) {
      ctx.currentRoom = before;
      throw error;
    }
    ctx.info(`you left #${room}; now talking in #${ctx.currentRoom}`);
  },
};
