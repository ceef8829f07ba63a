import type { CommandSpec } from './command.js';
import { roomArg, visibleRoom } from './room-arg.js';
import { refuse } from '../chat/refusals.js';

export const chats: CommandSpec = {
  name: 'chats',
  params: ['?room', '?option'],
  usage: '/chats [room] [--private]',
  summary: 'join a room (creating it if needed) and make it current; without a room, list yours',
  details: [
    'Example:  /chats dev    joins #dev (creates it if nobody has) and shows its last messages',
    'Example:  /chats        lists the rooms you are in; * marks the current one',
    'Plain lines go to the current room. You still receive messages from all your rooms.',
    'Example:  /chats secret --private    creates a private room: only people you invite or approve can see it',
  ],
  async run(ctx, args) {
    if (args.room === undefined) {
      const rooms = ctx.chat.rooms.roomsOf(ctx.nick);
      ctx.info(`your rooms (${rooms.length}), * = current:`);
      ctx.info(...rooms.map((room) => `${room === ctx.currentRoom ? '*' : ' '} #${room}`));
      return;
    }
    const room = roomArg(args.room);
    if (args.option !== undefined) {
      if (args.option !== '--private') throw refuse.unexpectedArgument(args.option, '/chats [room] [--private]');
      await ctx.chat.privateRooms.create(ctx.nick, room);
      ctx.currentRoom = room;
      ctx.info(`created the private room #${room}; only you can see it`, `let people in with /invite ${room} <nick> or a join link from /link ${room}`, `now talking in #${room}`);
      return;
    }
    // A room that exists but is hidden from the caller must not be joinable or revealed,
    // unless its owner let them in.
    if ((await ctx.chat.rooms.find(room)) && !(await ctx.chat.privateRooms.admit(ctx.nick, room))) visibleRoom(ctx, room);
    const { created } = await ctx.chat.rooms.join(ctx.nick, room);
    ctx.currentRoom = room;
    if (created) ctx.info(`created #${room}; you are its first member`);
    else ctx.show({ kind: 'history', room, messages: await ctx.chat.messages.history(room, ctx.config.historySize) });
    ctx.info(`now talking in #${room}`);
  },
};
