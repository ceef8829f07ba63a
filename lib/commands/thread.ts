import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { messageIdArg } from './message-arg.js';

export const thread: CommandSpec = {
  name: 'thread',
  params: ['id'],
  usage: '/thread <id>',
  summary: 'show a message with all its comments',
  details: ['Example:  /thread hxdbrws'],
  async run(ctx, args) {
    const ids = ctx.chat.ids.messages;
    const { root, comments } = await ctx.chat.messages.thread(ctx.nick, messageIdArg(required(args, 'id'), ids));
    ctx.show({ kind: 'thread', root, comments });
  },
};
