import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { messageIdArg } from './message-arg.js';

export const deleteMessage: CommandSpec = {
  name: 'delete',
  params: ['id'],
  usage: '/delete <id>',
  summary: 'remove a message of yours (operators: any; owners of a private room: any in it); everyone who could see it is told',
  details: [
    'Example:  /delete hxdbrws',
    'It is gone from history, catch-up, threads and search. Comments on it stay, quoting "deleted message".',
  ],
  async run(ctx, args) {
    await ctx.chat.messages.delete(ctx.nick, messageIdArg(required(args, 'id'), ctx.chat.ids.messages));
  },
};
