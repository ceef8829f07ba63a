import type { CommandSpec } from './command.js';
import { visibleRoom } from './room-arg.js';
import { refuse } from '../chat/refusals.js';

const MAX_HISTORY = 500;

export const history: CommandSpec = {
  name: 'history',
  params: ['?count'],
  usage: '/history [N]',
  summary: `show the last N messages of the current room (default: the history size, at most ${MAX_HISTORY})`,
  details: ['Example:  /history 50'],
  async run(ctx, args) {
    let count = ctx.config.historySize;
    if (args.count !== undefined) {
      count = Number(args.count);
      if (!Number.isInteger(count) || count < 1 || count > MAX_HISTORY) {
        throw refuse.invalidArgument(`N must be a whole number from 1 to ${MAX_HISTORY}, e.g. /history 50.`);
      }
    }
    // The current room may be one the user was removed from since.
    const room = visibleRoom(ctx, ctx.currentRoom);
    ctx.show({ kind: 'history', room, messages: await ctx.chat.messages.history(room, count) });
  },
};
