import type { HistoryOf, HistoryPage } from '../chat/history.js';
import { stripNickSigil } from '../chat/text/names.js';
import type { CommandContext, CommandSpec, PageStart } from './command.js';
import { HISTORY_USAGE, parseHistoryArgs, type HistoryRequest } from './history-args.js';
import { messageIdArg } from './message-arg.js';
import { roomArg } from './room-arg.js';

const MAX_HISTORY = 500;

function historyOf(ctx: CommandContext, target: HistoryRequest['target']): HistoryOf {
  if (target === undefined) return { room: ctx.currentRoom };
  return 'room' in target ? { room: roomArg(target.room) } : { with: stripNickSigil(target.nick) };
}

export const history: CommandSpec = {
  name: 'history',
  params: ['?args...'],
  usage: HISTORY_USAGE,
  summary: `show messages of a room or of a private conversation, the last N or page by page (N: default the history size, at most ${MAX_HISTORY})`,
  details: [
    'Example:  /history 50                     the last 50 messages of the current room',
    'Example:  /history #dev                   the last messages of #dev (you must be in it)',
    'Example:  /history @bob                   your private conversation with bob',
    'Example:  /history 20 --before hxdbrws    the 20 messages before [hxdbrws]: the next page back',
    'Example:  /history --after hxdbrws        the messages after [hxdbrws]',
    'Example:  /history 10 --around hxdbrws    [hxdbrws] with the messages around it, in its room or conversation',
    'The last line of a full page says how to get the next one.',
  ],
  async run(ctx, args) {
    const request = parseHistoryArgs(args.args ?? '', MAX_HISTORY);
    const count = request.count ?? ctx.config.historySize;
    const of = historyOf(ctx, request.target);
    const { from } = request;
    let start: PageStart = { kind: 'latest' };
    let page: HistoryPage;
    if (from.kind === 'latest') {
      page = await ctx.chat.history.page(ctx.nick, of, count, {});
    } else {
      const id = messageIdArg(from.id, ctx.chat.ids.messages);
      start = { kind: from.kind, id };
      if (from.kind === 'around') page = await ctx.chat.history.around(ctx.nick, id, count, request.target === undefined ? undefined : of);
      else page = await ctx.chat.history.page(ctx.nick, of, count, from.kind === 'before' ? { before: id } : { after: id });
    }
    ctx.show({ kind: 'page', page, from: start, count });
  },
};
