import type { CommandSpec } from './command.js';
import { roomArg, visibleRoom } from './room-arg.js';

export const chats: CommandSpec = {
  name: 'chats',
  params: ['?room'],
  usage: '/chats [room]',
  summary: 'join a room (creating it if needed) and make it current; without a room, list yours',
  details: [
    'Example:  /chats dev    joins #dev (creates it if nobody has) and shows its last messages',
    'Example:  /chats        lists the rooms you are in; * marks the current one',
    'Plain lines go to the current room. You still receive messages from all your rooms.',
  ],
  async run(ctx, args) {
    if (args.room === undefined) {
      const rooms = ctx.hub.roomsOf(ctx.nick);
      ctx.info(`your rooms (${rooms.length}), * = current:`);
      ctx.info(...rooms.map((room) => `${room === ctx.currentRoom ? '*' : ' '} #${room}`));
      return;
    }
    const room = roomArg(args.room);
    // A room that exists but is hidden from the caller must not be joinable or revealed.
    if (ctx.hub.room(room)) visibleRoom(ctx, room);
    const { created } = await ctx.hub.joinRoom(ctx.nick, room);
    ctx.currentRoom = room;
    if (created) ctx.info(`created #${room}; you are its first member`);
    else await ctx.showHistory(room, ctx.config.historySize);
    ctx.info(`now talking in #${room}`);
  },
};
