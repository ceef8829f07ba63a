import { refuse } from '../chat/refusals.js';
import { parseDuration } from '../util/units.js';
import { takeOptions } from './options-arg.js';

export const SEARCH_USAGE = '/search <words> [#room|@nick] [--from nick] [--since 2d] [--page N]';

/** What `/search` was asked for, as typed: names are checked by the command. */
export interface SearchArgs {
  /** The words to search for, as typed. */
  readonly words: readonly string[];
  /** `#room` or `@nick` as typed; undefined: everywhere the user may read. */
  readonly target: string | undefined;
  readonly from: string | undefined;
  /** How far back, e.g. `2d`, as typed, and in milliseconds. */
  readonly since: { readonly typed: string; readonly ms: number } | undefined;
  readonly page: number;
}

/** Reads `/search`'s arguments in any order; INVALID_ARGUMENT says what is wrong. Pure. */
export function parseSearchArgs(input: string): SearchArgs {
  const { words, options } = takeOptions(input, ['from', 'since', 'page'], SEARCH_USAGE);
  const targets = words.filter((word) => word.startsWith('#') || word.startsWith('@'));
  if (targets.length > 1) throw refuse.unexpectedArgument(targets[1] ?? '', SEARCH_USAGE);
  const since = options.get('since');
  const ms = since === undefined ? undefined : parseDuration(since);
  if (since !== undefined && (ms === undefined || ms <= 0)) throw refuse.invalidArgument(`--since takes how far back to search, such as 2d, 12h or 30m. Usage: ${SEARCH_USAGE}`);
  const page = options.get('page') ?? '1';
  if (!/^\d+$/.test(page)) throw refuse.invalidArgument(`--page takes a page number, e.g. --page 2. Usage: ${SEARCH_USAGE}`);
  return {
    words: words.filter((word) => !targets.includes(word)),
    target: targets[0],
    from: options.get('from')?.replace(/^@/, ''),
    since: since === undefined || ms === undefined ? undefined : { typed: since, ms },
    page: Number(page),
  };
}

/** The `/search` line that shows the page after `args`' (the same search, one page on). */
export function nextPageLine(args: SearchArgs): string {
  const parts = ['/search', ...args.words];
  if (args.target !== undefined) parts.push(args.target);
  if (args.from !== undefined) parts.push('--from', args.from);
  if (args.since !== undefined) parts.push('--since', args.since.typed);
  return [...parts, '--page', String(args.page + 1)].join(' ');
}
