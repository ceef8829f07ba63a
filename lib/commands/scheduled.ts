import { formatTable } from '../util/text-layout.js';
import type { CommandSpec } from './command.js';

export const scheduled: CommandSpec = {
  name: 'scheduled',
  params: [],
  usage: '/scheduled',
  summary: 'list your pending scheduled messages with their ids and send times',
  details: ['Example:  /scheduled'],
  async run(ctx) {
    const pending = await ctx.chat.scheduler.list(ctx.nick);
    if (pending.length === 0) {
      ctx.info('you have no scheduled messages');
      return;
    }
    ctx.info(`your scheduled messages (${pending.length}):`);
    ctx.info(...formatTable(pending.map((p) => ctx.chat.scheduler.describe(p).split('  '))));
  },
};
