import { plural } from '../util/text-layout.js';
import { viewerLines } from '../protocol/line/catch-up.js';
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
    const ids = ctx.hub.ids.messages;
    const { root, comments } = await ctx.hub.thread(ctx.nick, messageIdArg(required(args, 'id'), ids));
    const now = ctx.hub.clock.now();
    ctx.info(`thread of [${ids.encode(root.id)}], ${plural(comments.length, 'comment')}:`);
    for (const line of viewerLines([root, ...comments], ids, now, ctx.user)) ctx.reply(line);
    ctx.info('end of thread');
  },
};
