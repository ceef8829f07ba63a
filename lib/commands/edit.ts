import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { messageIdArg } from './message-arg.js';

export const edit: CommandSpec = {
  name: 'edit',
  params: ['id', 'text...'],
  usage: '/edit <id> <new text>',
  summary: 'change the text of a message of yours, within a while of sending it; everyone sees it marked (edited)',
  details: [
    'Example:  /edit hxdbrws hello all',
    'The id is the one in brackets on the message line. How long a message can be edited is the server\'s --edit-window (15 minutes unless set).',
    'History, threads, catch-up and search show the new text, marked (edited).',
  ],
  async run(ctx, args) {
    await ctx.chat.messages.edit(ctx.nick, messageIdArg(required(args, 'id'), ctx.chat.ids.messages), required(args, 'text'));
  },
};
