import { ChatError } from '../protocol/errors.js';
import { plural } from '../protocol/format.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { requireOperator } from './operator-only.js';
import { notSelf, registeredUser } from './user-arg.js';

export const kick: CommandSpec = {
  name: 'kick',
  params: ['nick'],
  usage: '/kick <nick>',
  summary: '(operators) disconnect every session of a user',
  details: ['Example:  /kick troll', 'They can log in again; /mute keeps them quiet for a while.'],
  async run(ctx, args) {
    requireOperator(ctx, 'kick');
    const user = await registeredUser(ctx, required(args, 'nick'));
    notSelf(ctx, user.nick, 'That is you. /quit leaves.');
    if (!ctx.hub.onlineUser(user.nick)) throw new ChatError('NOT_ONLINE', `${user.nick} is not online.`);
    const sessions = ctx.hub.kick(user.nick, ctx.nick);
    ctx.info(`disconnected ${user.nick} (${plural(sessions, 'session')})`);
  },
};
