/**
 * ANSI styles (SGR) for the few colours and attributes chat-line uses: the colour option of
 * the line protocol and the log on a terminal. Written out rather than taken from chalk,
 * whose colour-support detection a server has no use for (a socket's terminal is not
 * ours to detect) and which cost ~0.6 MB of resident memory at start. The bytes are
 * chalk's: the opening codes in order, the closing ones in reverse, nothing for no text.
 * Text is one line: a style is not carried over line breaks.
 */

const CODES = {
  bold: [1, 22],
  italic: [3, 23],
  underline: [4, 24],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
  redBright: [91, 39],
  greenBright: [92, 39],
  yellowBright: [93, 39],
  blueBright: [94, 39],
  magentaBright: [95, 39],
  cyanBright: [96, 39],
} as const;

export type StyleName = keyof typeof CODES;

export type Paint = (text: string) => string;

/** A function that wraps text in the given styles, e.g. `style('bold', 'yellow')('>>')`. */
export function style(...names: readonly StyleName[]): Paint {
  const open = names.map((name) => `\x1b[${CODES[name][0]}m`).join('');
  const close = names
    .map((name) => `\x1b[${CODES[name][1]}m`)
    .reverse()
    .join('');
  return (text) => (text === '' ? '' : open + text + close);
}
