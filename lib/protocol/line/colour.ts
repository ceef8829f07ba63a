import { WORD_RUN, searchWordOf } from '../../store/search-words.js';
import { style } from '../../util/ansi.js';
import type { LinePaint } from './format.js';
import { ERROR_PREFIX, INFO_PREFIX, WELCOME_PATTERN } from './wire.js';

/**
 * ANSI colour for users who turned it on with `/color on`: the 16 basic colours, which
 * every terminal shows (the server's own stdout says nothing about the terminal at the
 * other end of a socket). Colour never changes how a line starts (`[`, `-- `, `ERROR `,
 * `>> `), so scripts and the chat-line client can still tell lines apart by their beginning.
 */
const gray = style('gray');
const red = style('red');
const cyan = style('cyan');
const match = style('bold', 'underline');
const mentionMark = style('bold', 'yellow');

/** Readable on dark and light backgrounds; plain blue and black are left out. */
const NICK_COLOURS = (['red', 'green', 'yellow', 'magenta', 'cyan', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright'] as const).map((name) =>
  style(name),
);

/** FNV-1a of the lower-cased nick: the same nick gets the same colour everywhere, every time. */
function nickHash(nick: string): number {
  let hash = 0x811c9dc5;
  const lower = nick.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    hash ^= lower.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function colourNick(nick: string): string {
  const paint = NICK_COLOURS[nickHash(nick) % NICK_COLOURS.length];
  return paint ? paint(nick) : nick;
}

export const COLOUR_PAINT: LinePaint = { time: gray, id: gray, nick: colourNick, mark: style('italic', 'gray'), text: (text) => text };

/** Colour paint that shows the words searched for (lower case, as search found them) in bold and underlined. */
export function searchPaint(words: readonly string[]): LinePaint {
  const wanted = new Set(words);
  const text = (line: string): string => line.replace(WORD_RUN, (run) => (wanted.has(searchWordOf(run)) ? match(run) : run));
  return { ...COLOUR_PAINT, text };
}

/**
 * A server line in colour: the text of `-- ` lines in cyan, of errors in red, prefixes
 * left plain. The welcome line stays plain: clients read the nick from it.
 */
export function paintServerLine(line: string): string {
  if (line.startsWith(ERROR_PREFIX)) return ERROR_PREFIX + red(line.slice(ERROR_PREFIX.length));
  if (line.startsWith(INFO_PREFIX) && !WELCOME_PATTERN.test(line)) return INFO_PREFIX + cyan(line.slice(INFO_PREFIX.length));
  return line;
}

/** Rings the terminal bell of whoever receives it. */
export const BELL = '\x07';

/** Marks a message line that mentions its reader: `>> ` in front (bold yellow in colour). */
export function highlightLine(line: string, colour: boolean): string {
  return `${colour ? mentionMark('>>') : '>>'} ${line}`;
}
