import { plural } from '../util/text-layout.js';
import { stripNickSigil } from '../chat/text/names.js';
import type { CommandContext, CommandSpec } from './command.js';
import { required } from './command.js';
import { requireOperator } from './operator-only.js';
import { ownedRoom } from './owned-room.js';
import { notSelf, registeredUser } from './user-arg.js';
import { refuse } from '../chat/refusals.js';

/** `/kick <nick>`: an operator disconnects every session of a user. */
async function kickFromServer(ctx: CommandContext, target: string): Promise<void> {
  requireOperator(ctx, 'kick');
  const user = await registeredUser(ctx, target);
  notSelf(ctx, user.nick, 'That is you. /quit leaves.');
  if (!ctx.chat.presence.of(user.nick).online) throw refuse.notOnline(user.nick);
  const sessions = ctx.chat.operators.disconnect(user.nick, ctx.nick);
  ctx.info(`disconnected ${user.nick} (${plural(sessions, 'session')})`);
}

/** `/kick <room> <nick>`: the owner of a private room removes a member. */
async function kickFromRoom(ctx: CommandContext, roomName: string, target: string): Promise<void> {
  const room = ownedRoom(ctx, roomName);
  const nick = await ctx.chat.privateRooms.kick(ctx.nick, room, stripNickSigil(target));
  ctx.info(`removed ${nick} from #${room}`);
}

export const kick: CommandSpec = {
  name: 'kick',
  params: ['first', '?nick'],
  usage: '/kick [room] <nick>',
  summary: 'remove a member from your private room; operators: /kick <nick> disconnects a user',
  details: [
    'Example:  /kick secret bob    removes bob from your private room #secret; he sees none of its later messages',
    'To come back they need a new invitation or an approved request.',
    'Example:  /kick troll         (operators) disconnects every session of troll; they can log in again, /mute keeps them quiet',
  ],
  async run(ctx, args) {
    const first = required(args, 'first');
    if (args.nick === undefined) await kickFromServer(ctx, first);
    else await kickFromRoom(ctx, first, args.nick);
  },
};
