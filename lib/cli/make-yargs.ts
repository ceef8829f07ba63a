import { createRequire } from 'node:module';
import type { Argv } from 'yargs';

const require = createRequire(import.meta.url);

/**
 * yargs from its CommonJS build. The ESM build lays out `--help` with a stand-in for
 * wrap-ansi that cuts lines every N characters, mid-word (`nc 127` / `.0.0.1 8000`); the
 * CommonJS one wraps at word boundaries at any terminal width. Both commands use this.
 */
const factory: unknown = require('yargs/yargs');

export const makeYargs = factory as (args: readonly string[]) => Argv;

/**
 * The arguments after `node script`, from the same CommonJS build: `yargs/helpers` imported
 * as ESM would load yargs' whole ESM build a second time (~1 MB of a server's memory).
 */
export const hideBin = (require('yargs/helpers') as { hideBin: (argv: readonly string[]) => string[] }).hideBin;

/**
 * The help text, laid out for `width` columns (the terminal's, at most 100; 80 off a
 * terminal). cliui, which lays it out, right-aligns `[string] [default: ...]` after the
 * description and loses the space between them when the two just fit: `--http-port[string]`.
 */
export async function helpText(parser: Argv, width = Math.min(process.stdout.isTTY ? process.stdout.columns : 80, 100)): Promise<string> {
  const help = await parser.wrap(width).getHelp();
  return help.replace(/(\S)(\[(?:string|number|boolean|array|count|choices:|default:|required|deprecated))/g, '$1 $2');
}

/**
 * Parses the command line the way both commands do: strictly, a failure as one line (to
 * `usageError`, which exits), `--help` printed by helpText. Resolves undefined after help.
 */
export async function parseCommandLine<T>(parser: Argv<T>, usageError: (message: string) => never) {
  const withHelp = parser
    .strict()
    .help(false)
    .option('help', { alias: 'h', type: 'boolean', describe: 'show this help' })
    .showHelpOnFail(false);
  // getOptions() is in yargs 17 but not in its typings: the flags defined, for "did you mean".
  const defined = (withHelp as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key;
  withHelp.fail((message, error) => {
    usageError(oneLineFailure(message || error.message, Object.keys(defined)));
  });
  const argv = await withHelp.parseAsync();
  if (argv.help !== true) return argv;
  console.log(await helpText(withHelp));
  return undefined;
}

/** Edit distance, for "did you mean" after an unknown flag. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** The known flag nearest to `typed`, if it is near enough to be a typo. */
export function nearestFlag(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const flag of known) {
    const d = distance(typed, flag);
    if (d < bestDistance) {
      best = flag;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(typed.length / 3)) ? best : undefined;
}

/**
 * yargs' own failure messages, made one line each: what was wrong and what is allowed.
 * (It lists choices and unknown arguments over several lines, after the whole help.)
 */
export function oneLineFailure(message: string, knownFlags: readonly string[]): string {
  const choices = /Argument: ([\w-]+), Given: ("[^"]*"|\S+), Choices: (.+)$/s.exec(message);
  if (choices?.[1] && choices[2] && choices[3]) {
    const allowed = choices[3].split(/,\s*/).map((choice) => choice.replace(/^"|"$/g, '')).join(', ');
    return `--${choices[1]} must be one of ${allowed}; got ${choices[2]}`;
  }
  const unknown = /^Unknown arguments?: (.+)$/s.exec(message);
  if (unknown?.[1]) {
    const names = unknown[1].split(/,\s*/);
    const first = names[0] ?? '';
    const near = nearestFlag(first, knownFlags);
    const flags = names.map((name) => (name.length === 1 ? `-${name}` : `--${name}`)).join(', ');
    return `unknown ${names.length === 1 ? 'flag' : 'flags'} ${flags}${near === undefined ? '' : `; did you mean --${near}?`}`;
  }
  const missing = /^Not enough arguments following: ([\w-]+)$/.exec(message);
  if (missing?.[1]) return `--${missing[1]} needs a value`;
  return message.replace(/\s*\n\s*/g, ' ');
}
