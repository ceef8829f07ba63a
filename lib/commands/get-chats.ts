import { formatTable, plural } from '../util/text-layout.js';
import type { CommandSpec } from './command.js';

export const getChats: CommandSpec = {
  name: 'get_chats',
  aliases: ['rooms', 'list'],
  params: [],
  usage: '/get_chats',
  summary: 'list all rooms with member and online counts',
  details: ['Example:  /get_chats', 'Join one with /chats <room>.'],
  run(ctx) {
    const rooms = ctx.chat.rooms.list(ctx.nick);
    ctx.info(`rooms (${rooms.length}):`);
    const rows = rooms.map((room) => [
      `${room.name === ctx.currentRoom ? '*' : ' '} #${room.name}`,
      plural(room.members, 'member'),
      `${room.online} online`,
    ]);
    ctx.info(...formatTable(rows));
  },
};
