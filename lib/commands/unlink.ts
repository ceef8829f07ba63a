import { plural } from '../util/text-layout.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { ownedRoom } from './owned-room.js';

export const unlink: CommandSpec = {
  name: 'unlink',
  params: ['room'],
  usage: '/unlink <room>',
  summary: 'revoke every join link of your private room',
  details: ['Example:  /unlink secret', 'Requests already made stay until you answer them.'],
  async run(ctx, args) {
    const room = ownedRoom(ctx, required(args, 'room'));
    const count = await ctx.chat.privateRooms.revokeLinks(room);
    ctx.info(`revoked ${plural(count, 'join link')} of #${room}`);
  },
};
