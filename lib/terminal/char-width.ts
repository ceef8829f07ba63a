/**
 * How many terminal columns a character takes, so the prompt line can place the cursor
 * and scroll without asking the terminal. Width is per code point, the way wcwidth and
 * most terminals count: an emoji sequence joined with ZWJ counts as the sum of its parts.
 * Terminals disagree on those sequences; the screen redraws from column 1 on every
 * full repaint, so a disagreement never outlives the line it is on.
 */

/** Combining marks and format characters (ZWJ, ZWSP, variation selectors, bidi controls) take no column. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;

/** Characters terminals draw two columns wide by default: emoji shown as emoji. */
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;

/**
 * East Asian Wide and Fullwidth blocks (Unicode EastAsianWidth.txt, W and F), as
 * [first, last] pairs in ascending order. Unassigned code points inside a block are
 * counted wide too, as terminals built on wcwidth tables tend to do.
 */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2329, 0x232a], // angle brackets
  [0x2e80, 0x303e], // CJK radicals, Kangxi radicals, CJK symbols and punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, enclosed CJK
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x16fe0, 0x16fe4], // ideographic symbols
  [0x17000, 0x18cd5], // Tangut, Khitan
  [0x1aff0, 0x1b2ff], // Kana supplement and extensions, Nushu
  [0x1f200, 0x1f202], // enclosed ideographic supplement
  [0x1f210, 0x1f23b],
  [0x1f240, 0x1f248],
  [0x1f250, 0x1f251],
  [0x1f260, 0x1f265],
  [0x20000, 0x2fffd], // CJK extensions B and later
  [0x30000, 0x3fffd],
];

function inWideRange(codePoint: number): boolean {
  let low = 0;
  let high = WIDE_RANGES.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = WIDE_RANGES[middle] ?? [0, -1];
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return true;
  }
  return false;
}

/** Columns one code point takes on a terminal: 0, 1 or 2. */
export function codePointWidth(codePoint: number): number {
  // Printable Latin-1 is by far the most common input: no table look-up for it. This
  // includes the soft hyphen, which terminals show although it is a format character.
  if (codePoint >= 0x20 && codePoint < 0x7f) return 1;
  if (codePoint >= 0xa0 && codePoint < 0x300) return 1;
  // Hangul medial vowels and final consonants join the preceding initial.
  if (codePoint >= 0x1160 && codePoint <= 0x11ff) return 0;
  const char = String.fromCodePoint(codePoint);
  if (ZERO_WIDTH.test(char)) return 0;
  if (inWideRange(codePoint) || EMOJI_PRESENTATION.test(char)) return 2;
  return 1;
}

/** Columns one character (a one-code-point string) takes; 0 for the empty string. */
export function charWidth(char: string): number {
  const codePoint = char.codePointAt(0);
  return codePoint === undefined ? 0 : codePointWidth(codePoint);
}

/** Columns a string takes, summed per code point. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}
