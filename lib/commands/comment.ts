import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { messageIdArg } from './message-arg.js';

export const comment: CommandSpec = {
  name: 'comment',
  aliases: ['reply'],
  params: ['id', 'text...'],
  usage: '/comment <id> <text>',
  summary: 'comment on a message; its audience sees the comment quoting the original',
  details: [
    'Example:  /comment hxdbrws agreed, ship it',
    'The id is the one in brackets on every message line. /thread <id> shows all comments.',
  ],
  pipelined: true,
  async run(ctx, args) {
    ctx.finishLater((await ctx.chat.messages.comment(ctx.nick, messageIdArg(required(args, 'id'), ctx.chat.ids.messages), required(args, 'text'))).stored);
  },
};
