/**
 * What one user types is shown raw on everybody else's terminal. Escape sequences
 * could move the cursor, rewrite earlier lines, change the window title or (on some
 * terminals) inject input; bidi overrides could make a line read differently from
 * what it says; invisible characters could make two different texts (a file name, a
 * nick in a message) look the same, or hide text. sanitizeText leaves only printable text.
 */

/**
 * Characters that show nothing and have no use in a chat line, removed wherever they are:
 * soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers, Khmer
 * inherent vowels, Mongolian vowel separator, zero width space, left-to-right and
 * right-to-left marks, line and paragraph separators, word joiner and invisible operators
 * (U+2060-U+2064, U+206A-U+206F), the BOM / zero width no-break space, interlinear
 * annotations, and shorthand and musical format controls. Tag characters (U+E0000-U+E007F)
 * are removed too, except inside an emoji tag sequence (the flags of England, Scotland, Wales).
 *
 * Kept: ZWNJ and ZWJ (U+200C, U+200D) where they join two visible non-ASCII characters,
 * which is their use in emoji sequences (👨‍👩‍👧) and in Persian, Indic and other scripts;
 * next to ASCII, a space, the ends of the text or another joiner they only hide, and go.
 * Variation selectors stay (they pick emoji or text style and never stand alone).
 */
const INVISIBLE = '\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b\\u200e\\u200f\\u2028\\u2029\\u2060-\\u2064\\u206a-\\u206f\\u3164\\ufeff\\uffa0\\ufff9-\\ufffb\\u{1bca0}-\\u{1bca3}\\u{1d173}-\\u{1d17a}';
const CONTROL = '\\x00-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069';
const TAG = '\\u{e0000}-\\u{e007f}';

// eslint-disable-next-line no-misleading-character-class -- the combining grapheme joiner is listed on its own, to be removed
const NEEDS_WORK = new RegExp(`[${CONTROL}${INVISIBLE}${TAG}\\u200c\\u200d]|\\s$`, 'u');

/**
 * Alternatives, in order of precedence (a sequence is removed whole, so its
 * parameters don't leak out as text):
 * - CSI, `ESC [` or the one-character C1 CSI U+009B: parameters, intermediates, final.
 * - String sequences (OSC `ESC ]`, DCS `ESC P`, SOS `ESC X`, PM `ESC ^`, APC `ESC _`)
 *   up to BEL or ST (`ESC \` or U+009C). Unterminated, they run to the end of the text,
 *   which is what a terminal would swallow as well.
 * - Any other escape: `ESC`, intermediates, final (`ESC ( B`, `ESC c`, ...).
 * - An emoji tag sequence (black flag, tag letters, cancel tag), kept as it is.
 * - TAB, which becomes a space.
 * - Single control characters: C0, DEL, C1, and the bidi embeddings, overrides and isolates;
 *   and the invisible characters above.
 */
const SEQUENCE_OR_CONTROL = new RegExp(
  // eslint-disable-next-line no-misleading-character-class -- the combining grapheme joiner is listed on its own, to be removed
  [
    '(?:\\x1b\\[|\\x9b)[0-?]*[ -/]*[@-~]?',
    '\\x1b[\\]PX^_][^\\x07\\x1b\\x9c]*(?:\\x07|\\x1b\\\\|\\x9c)?',
    '\\x1b[ -/]*[0-~]?',
    '(\\u{1f3f4}[\\u{e0020}-\\u{e007e}]+\\u{e007f})',
    '(\\t)',
    `[${CONTROL}${INVISIBLE}${TAG}]`,
  ].join('|'),
  'gu',
);

/** A joiner is kept only between two characters it can join: visible, not ASCII, not a joiner. */
const JOINABLE = '[^\\s\\x00-\\x7f\\u200c\\u200d]';
const STRAY_JOINER = new RegExp(`(?<!${JOINABLE})[\\u200c\\u200d]|[\\u200c\\u200d](?!${JOINABLE})`, 'gu');

function replacement(_match: string, flag: string | undefined, tab: string | undefined): string {
  return flag ?? (tab === undefined ? '' : ' ');
}

/** Neutralises a line a user typed before it goes to other people's terminals. */
export function sanitizeText(text: string): string {
  // Almost every message is plain text: one scan, no copy.
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(SEQUENCE_OR_CONTROL, replacement).replace(STRAY_JOINER, '').trimEnd();
}
