import { ChatError } from '../protocol/errors.js';
import { parseShortId, shortId } from '../protocol/format.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';

export const cancel: CommandSpec = {
  name: 'cancel',
  params: ['id'],
  usage: '/cancel <id>',
  summary: 'cancel one of your scheduled messages',
  details: ['Example:  /cancel 4k', '/scheduled shows the ids.'],
  async run(ctx, args) {
    const input = required(args, 'id');
    const id = parseShortId(input);
    if (id === undefined) throw new ChatError('NO_SUCH_SCHEDULED', `You have no pending message ${input}. /scheduled lists yours.`);
    await ctx.rules.scheduler.cancel(ctx.nick, id);
    ctx.info(`cancelled scheduled message ${shortId(id)}`);
  },
};
