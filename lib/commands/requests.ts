import { formatTime } from '../util/time-text.js';
import { formatTable } from '../util/text-layout.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { ownedRoom } from './owned-room.js';

export const requests: CommandSpec = {
  name: 'requests',
  params: ['room'],
  usage: '/requests <room>',
  summary: 'list who asked to join your private room and waits for your answer',
  details: ['Example:  /requests secret', 'Answer each with /approve <room> <nick> or /deny <room> <nick>.'],
  async run(ctx, args) {
    const room = ownedRoom(ctx, required(args, 'room'));
    const pending = await ctx.chat.privateRooms.requests(room);
    const now = ctx.now();
    ctx.info(`pending requests to join #${room} (${pending.length}):`);
    ctx.info(...formatTable(pending.map((request) => [request.nick, `asked ${formatTime(request.createdAt, now)}`])));
  },
};
