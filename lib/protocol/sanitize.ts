/**
 * What one user types is shown raw on everybody else's terminal. Escape sequences
 * could move the cursor, rewrite earlier lines, change the window title or (on some
 * terminals) inject input; bidi overrides could make a line read differently from
 * what it says. sanitizeText leaves only printable text.
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_WORK = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\s$/;

/**
 * Alternatives, in order of precedence (a sequence is removed whole, so its
 * parameters don't leak out as text):
 * - CSI, `ESC [` or the one-character C1 CSI U+009B: parameters, intermediates, final.
 * - String sequences (OSC `ESC ]`, DCS `ESC P`, SOS `ESC X`, PM `ESC ^`, APC `ESC _`)
 *   up to BEL or ST (`ESC \` or U+009C). Unterminated, they run to the end of the text,
 *   which is what a terminal would swallow as well.
 * - Any other escape: `ESC`, intermediates, final (`ESC ( B`, `ESC c`, ...).
 * - TAB, which becomes a space.
 * - Single control characters: C0, DEL, C1, and the bidi embeddings, overrides and isolates.
 */
const SEQUENCE_OR_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]?|(\t)|[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

function replacement(_match: string, tab: string | undefined): string {
  return tab === undefined ? '' : ' ';
}

/** Neutralises a line a user typed before it goes to other people's terminals. */
export function sanitizeText(text: string): string {
  // Almost every message is plain text: one scan, no copy.
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(SEQUENCE_OR_CONTROL, replacement).trimEnd();
}
