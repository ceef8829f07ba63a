import { stripNickSigil } from '../chat/text/names.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { ownedRoom } from './owned-room.js';

export const invite: CommandSpec = {
  name: 'invite',
  params: ['room', 'nick'],
  usage: '/invite <room> <nick>',
  summary: 'let a user into your private room (they are told, now or at their next login)',
  details: ['Example:  /invite secret bob    bob may then join with /chats secret', 'Only the owner of a private room can invite.'],
  async run(ctx, args) {
    const room = ownedRoom(ctx, required(args, 'room'));
    const nick = await ctx.chat.privateRooms.invite(ctx.nick, room, stripNickSigil(required(args, 'nick')));
    ctx.info(`invited ${nick} to #${room}; they can join with /chats ${room}`);
  },
};
