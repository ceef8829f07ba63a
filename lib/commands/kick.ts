import { stripNickSigil } from '../protocol/names.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { ownedRoom, privateRooms } from './owned-room.js';

export const kick: CommandSpec = {
  name: 'kick',
  params: ['room', 'nick'],
  usage: '/kick <room> <nick>',
  summary: 'remove a member from your private room; they see none of its later messages',
  details: ['Example:  /kick secret bob', 'To come back they need a new invitation or an approved request.'],
  async run(ctx, args) {
    const room = ownedRoom(ctx, required(args, 'room'));
    const nick = await privateRooms(ctx).kick(ctx.nick, room, stripNickSigil(required(args, 'nick')));
    ctx.info(`removed ${nick} from #${room}`);
  },
};
