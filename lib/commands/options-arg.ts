import { refuse } from '../chat/refusals.js';

/** A command's words split into its `--name value` options and the other words, in order. */
export interface TakenOptions {
  readonly words: string[];
  readonly options: ReadonlyMap<string, string>;
}

/**
 * Takes the options `names` (each `--name <value>`) out of a command's words. An option
 * without its value, given twice, or not one of `names` is INVALID_ARGUMENT, naming the
 * usage. Pure: tested in spec/commands/options-arg.spec.ts.
 */
export function takeOptions(input: string, names: readonly string[], usage: string): TakenOptions {
  const all = input.split(/\s+/).filter((word) => word !== '');
  const words: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < all.length; i++) {
    const word = all[i] ?? '';
    if (!word.startsWith('--')) {
      words.push(word);
      continue;
    }
    const name = word.slice(2).toLowerCase();
    if (!names.includes(name)) throw refuse.invalidArgument(`There is no option ${word}. Usage: ${usage}`);
    if (options.has(name)) throw refuse.invalidArgument(`${word} is given twice. Usage: ${usage}`);
    const value = all[++i];
    if (value === undefined || value.startsWith('--')) throw refuse.invalidArgument(`${word} needs a value. Usage: ${usage}`);
    options.set(name, value);
  }
  return { words, options };
}
