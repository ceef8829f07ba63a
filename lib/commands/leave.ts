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
    await ctx.chat.rooms.leave(ctx.nick, room);
    if (ctx.currentRoom === room) ctx.currentRoom = DEFAULT_ROOM;
    ctx.info(`you left #${room}; now talking in #${ctx.currentRoom}`);
  },
};
