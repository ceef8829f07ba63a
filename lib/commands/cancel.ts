import type { CommandSpec } from './command.js';
import { required } from './command.js';

export const cancel: CommandSpec = {
  name: 'cancel',
  params: ['id'],
  usage: '/cancel <id>',
  summary: 'cancel one of your scheduled messages',
  details: ['Example:  /cancel s48dmoms', '/scheduled shows the ids.'],
  async run(ctx, args) {
    const { scheduler } = ctx.chat;
    const cancelled = await scheduler.cancel(ctx.nick, required(args, 'id'));
    ctx.info(`cancelled scheduled message ${scheduler.shownId(cancelled)}`);
  },
};
