/**
 * Tab completion of the word before the cursor, the way shells and IRC clients do it:
 * a word that only one candidate fits is completed at once (with a blank after it);
 * when several fit, the first Tab extends the word to what they have in common and
 * hands back the list to show, and each further Tab puts the next candidate in its
 * place (Shift-Tab: the previous one).
 *
 * What a word completes to depends on how it starts: `/` at the start of the line is a
 * command, `#` a room, `@` a nick. A bare word is a nick, or a room right after a
 * command that takes one (`/chats gen` -> `/chats general`). Matching ignores case;
 * what is inserted is the candidate as given.
 */
import { textWidth } from './char-width.js';

export interface CompletionSources {
  /** Command names with their slash: `/send`. */
  readonly commands: readonly string[];
  readonly nicks: readonly string[];
  /** Room names without `#`. */
  readonly rooms: readonly string[];
  /** Commands whose first argument is a room, so a bare word there completes to a room. */
  readonly roomCommands?: readonly string[];
}

export interface Completion {
  /** The whole line after completing. */
  readonly text: string;
  /** The cursor after completing, in code points. */
  readonly cursor: number;
  /** Every candidate, when they are to be listed for the user (the first Tab of several); otherwise empty. */
  readonly candidates: readonly string[];
}

/** What the last Tab did, so the next one on the same line cycles instead of starting again. */
interface Cycle {
  readonly before: string;
  readonly after: string;
  readonly candidates: readonly string[];
  index: number;
  text: string;
  cursor: number;
}

const BLANK = /\s/;

function lower(text: string): string {
  return text.toLowerCase();
}

/** The candidates that start with `stem`, ignoring case: each once, sorted. */
function matching(pool: readonly string[], stem: string, sigil: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  for (const name of pool) {
    if (seen.has(name) || !lower(name).startsWith(lower(stem))) continue;
    seen.add(name);
    found.push(sigil + name);
  }
  return found.sort((a, b) => lower(a).localeCompare(lower(b)) || a.localeCompare(b));
}

/** How many leading code points all the candidates share, ignoring case. */
function commonLength(candidates: readonly string[]): number {
  const split = candidates.map((candidate) => Array.from(candidate));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length && split.every((chars) => lower(chars[length] ?? '') === lower(first[length] ?? ''))) length++;
  return length;
}

/** Completes words at Tab and remembers the last completion, so a repeated Tab cycles. */
export class TabCompleter {
  private cycle: Cycle | undefined;

  /** Forgets the cycle in progress, so the next Tab starts afresh. */
  reset(): void {
    this.cycle = undefined;
  }

  /** Completes the word before `cursor` (in code points); undefined when nothing fits. */
  complete(text: string, cursor: number, sources: CompletionSources, backwards = false): Completion | undefined {
    const cycle = this.cycle;
    if (cycle && cycle.text === text && cycle.cursor === cursor) return this.next(cycle, backwards);
    this.cycle = undefined;

    const chars = Array.from(text);
    let start = cursor;
    while (start > 0 && !BLANK.test(chars[start - 1] ?? '')) start--;
    const before = chars.slice(0, start).join('');
    const word = chars.slice(start, cursor).join('');
    const after = chars.slice(cursor).join('');
    const candidates = candidatesFor(before, word, sources);
    if (candidates.length === 0) return undefined;

    const [only] = candidates;
    if (only !== undefined && candidates.length === 1) return { ...placed(before, only, after), candidates: [] };

    // Keep what was typed, and extend it with the first candidate's spelling of the rest.
    const extension = Array.from(only ?? '').slice(Array.from(word).length, commonLength(candidates)).join('');
    const completed = before + word + extension;
    const result = { text: completed + after, cursor: Array.from(completed).length, candidates };
    this.cycle = { before, after, candidates, index: -1, text: result.text, cursor: result.cursor };
    return result;
  }

  private next(cycle: Cycle, backwards: boolean): Completion {
    const count = cycle.candidates.length;
    if (cycle.index < 0) cycle.index = backwards ? count - 1 : 0;
    else cycle.index = (cycle.index + (backwards ? count - 1 : 1)) % count;
    const result = placed(cycle.before, cycle.candidates[cycle.index] ?? '', cycle.after);
    cycle.text = result.text;
    cycle.cursor = result.cursor;
    return { ...result, candidates: [] };
  }
}

/** The candidates for `word`, given the line before it. */
export function candidatesFor(before: string, word: string, sources: CompletionSources): string[] {
  if (word === '') return [];
  if (word.startsWith('/') && before.trim() === '') return matching(sources.commands, word, '');
  if (word.startsWith('#')) return matching(sources.rooms, word.slice(1), '#');
  if (word.startsWith('@')) return matching(sources.nicks, word.slice(1), '@');
  const words = before.trim().split(/\s+/);
  const takesRoom = words.length === 1 && (sources.roomCommands ?? []).some((command) => lower(command) === lower(words[0] ?? ''));
  return takesRoom ? matching(sources.rooms, word, '') : matching(sources.nicks, word, '');
}

/** The line with `word` in place and the cursor after the blank that follows it (added if missing). */
function placed(before: string, word: string, after: string): { text: string; cursor: number } {
  const separator = BLANK.test(after.charAt(0)) ? '' : ' ';
  const text = before + word + separator + after;
  return { text, cursor: Array.from(before + word).length + 1 };
}

/** Lays out candidates in columns for a screen `width` wide, as lines to print. */
export function candidateColumns(candidates: readonly string[], width: number): string[] {
  if (candidates.length === 0) return [];
  const gap = 2;
  const cell = Math.max(...candidates.map(textWidth)) + gap;
  const columns = Math.max(1, Math.floor((width - 1 + gap) / cell));
  const rows = Math.ceil(candidates.length / columns);
  const lines: string[] = [];
  // Down the columns first, like `ls`, so a sorted list reads top to bottom.
  for (let row = 0; row < rows; row++) {
    let line = '';
    for (let column = 0; column < columns; column++) {
      const candidate = candidates[column * rows + row];
      if (candidate === undefined) break;
      line += candidate + (column * rows + row + rows < candidates.length ? ' '.repeat(cell - textWidth(candidate)) : '');
    }
    lines.push(line);
  }
  return lines;
}
