import type { JoinAnswer } from '../chat/private-rooms.js';
import { stripNickSigil } from '../chat/text/names.js';
import type { CommandContext, CommandArgs, CommandSpec } from './command.js';
import { required } from './command.js';
import { ownedRoom } from './owned-room.js';

export const approve: CommandSpec = {
  name: 'approve',
  params: ['room', 'nick'],
  usage: '/approve <room> <nick>',
  summary: 'let in someone who asked to join your private room with a link',
  details: ['Example:  /approve secret bob    bob is told, and may then join with /chats secret', '/requests <room> lists who is waiting.'],
  async run(ctx, args) {
    const { room, nick } = await answerRequest(ctx, args, 'approve');
    ctx.info(`approved: ${nick} may now join #${room} with /chats ${room}`);
  },
};

/** /approve and /deny: the same checks, a different answer. */
export async function answerRequest(ctx: CommandContext, args: CommandArgs, answer: JoinAnswer): Promise<{ room: string; nick: string }> {
  const room = ownedRoom(ctx, required(args, 'room'));
  const nick = await ctx.chat.privateRooms.answer(ctx.nick, room, stripNickSigil(required(args, 'nick')), answer);
  return { room, nick };
}
