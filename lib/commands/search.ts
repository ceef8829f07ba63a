import type { HistoryOf } from '../chat/history.js';
import type { CommandSpec } from './command.js';
import { roomArg } from './room-arg.js';
import { SEARCH_USAGE, nextPageLine, parseSearchArgs } from './search-args.js';

export const search: CommandSpec = {
  name: 'search',
  aliases: ['find'],
  params: ['query...'],
  usage: SEARCH_USAGE,
  summary: 'find messages by their words in your rooms and private conversations, newest first, a page at a time',
  details: [
    'Example:  /search deploy friday                  messages with both words, anywhere you can read',
    'Example:  /search deploy #dev --from bob         only in #dev, only what bob wrote',
    'Example:  /search invoice @carol --since 2d      your private conversation with carol, the last two days',
    'Example:  /search deploy --page 2                the next page',
    'Words match whole words in any case; punctuation is ignored. A full page ends with the line that gets the next.',
  ],
  async run(ctx, args) {
    const parsed = parseSearchArgs(args.query ?? '');
    const target = parsed.target;
    const within: HistoryOf | undefined = target === undefined ? undefined : target.startsWith('#') ? { room: roomArg(target) } : { with: target.slice(1) };
    const results = await ctx.chat.search.find(ctx.nick, {
      text: parsed.words.join(' '),
      ...(within === undefined ? {} : { in: within }),
      ...(parsed.from === undefined ? {} : { from: parsed.from }),
      ...(parsed.since === undefined ? {} : { since: ctx.now() - parsed.since.ms }),
      page: parsed.page,
      pageSize: ctx.config.searchPageSize,
    });
    ctx.show({ kind: 'search', query: parsed.words.join(' '), results, page: parsed.page, next: results.more ? nextPageLine(parsed) : null });
  },
};
