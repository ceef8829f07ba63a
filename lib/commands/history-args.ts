import { refuse } from '../chat/refusals.js';
import { takeOptions } from './options-arg.js';

export const HISTORY_USAGE = '/history [N] [--before <id>|--after <id>|--around <id>] [#room|@nick]';

/** Where a page of history starts: the newest messages, or before, after or around a message (its id as typed). */
export type HistoryFrom = { readonly kind: 'latest' } | { readonly kind: 'before' | 'after' | 'around'; readonly id: string };

/** What `/history` was asked for, as typed: names are checked by the command. */
export interface HistoryRequest {
  /** Undefined: the server's history size. */
  readonly count: number | undefined;
  readonly from: HistoryFrom;
  /** `#room` (or `@nick`) as typed; undefined: the current room. */
  readonly target: { readonly room: string } | { readonly nick: string } | undefined;
}

const BOUNDS = ['before', 'after', 'around'] as const;

/** Reads `/history`'s arguments in any order; INVALID_ARGUMENT says what is wrong. Pure. */
export function parseHistoryArgs(input: string, maxCount: number): HistoryRequest {
  const { words, options } = takeOptions(input, BOUNDS, HISTORY_USAGE);
  const bounds = BOUNDS.filter((name) => options.has(name));
  if (bounds.length > 1) throw refuse.invalidArgument(`Give one of --before, --after and --around. Usage: ${HISTORY_USAGE}`);
  const kind = bounds[0];
  const from: HistoryFrom = kind === undefined ? { kind: 'latest' } : { kind, id: options.get(kind) ?? '' };
  let count: number | undefined;
  let target: HistoryRequest['target'];
  for (const word of words) {
    if (word.startsWith('#') || word.startsWith('@')) {
      if (target !== undefined) throw refuse.unexpectedArgument(word, HISTORY_USAGE);
      target = word.startsWith('#') ? { room: word } : { nick: word.slice(1) };
      continue;
    }
    if (count !== undefined) throw refuse.unexpectedArgument(word, HISTORY_USAGE);
    count = Number(word);
    if (!/^\d+$/.test(word) || count < 1 || count > maxCount) {
      throw refuse.invalidArgument(`N must be a whole number from 1 to ${maxCount}, e.g. /history 50. Usage: ${HISTORY_USAGE}`);
    }
  }
  return { count, from, target };
}
