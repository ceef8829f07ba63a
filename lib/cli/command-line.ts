import { nearestName } from './nearest-name.js';

/** One flag of a command: how it is typed, what it defaults to, what it is for. */
export interface FlagSpec {
  /** string: takes a value; boolean: on or off (`--no-x` turns it off); list: may be given again. */
  readonly type: 'string' | 'boolean' | 'list';
  readonly describe: string;
  readonly default?: string | boolean;
  /** What --help shows as the default, where the value itself would mislead (`$REDIS_URL`). */
  readonly defaultText?: string;
  /** The value's name in --help: `--data-dir DIR`. */
  readonly value?: string;
  readonly choices?: readonly string[];
  /** An environment variable read when nothing else sets the flag (REDIS_URL for --redis). */
  readonly fallbackEnv?: string;
}

export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** A command: its flags and the text of its --help. */
export interface CommandSpec<F extends FlagTable> {
  readonly name: string;
  /** After the name on the usage line: `[options]`. */
  readonly usage: string;
  /** Paragraphs under the usage line. */
  readonly about: string;
  readonly flags: F;
  /** Every flag may also come from PREFIX_<FLAG> (CHAT_LINE_DATA_DIR for --data-dir). */
  readonly envPrefix?: string;
  /** A `--config FILE` of flags, read by `read` (which throws an Error saying what is wrong). */
  readonly config?: { readonly describe: string; readonly read: (file: string) => Record<string, unknown> };
  /** What the arguments that follow no flag are (`FILE...`); without it, such an argument is refused. */
  readonly operands?: string;
  readonly examples?: readonly (readonly [command: string, meaning: string])[];
  /** Paragraphs at the end of --help. */
  readonly epilogue?: string;
  /** What --version prints; without it there is no --version. */
  readonly version?: string;
}

type ValueOf<S> = S extends { type: 'boolean' }
  ? boolean
  : S extends { type: 'list' }
    ? string[]
    : S extends { choices: readonly (infer C)[]; default: string }
      ? C
      : S extends { default: string }
        ? string
        : string | undefined;

/** The values of a command's flags, typed from its table; numbers stay as typed, for the caller to check. */
export type FlagValues<F extends FlagTable> = { -readonly [K in keyof F]: ValueOf<F[K]> };

export type ParsedCommandLine<F extends FlagTable> =
  | {
      kind: 'run';
      values: FlagValues<F>;
      operands: string[];
      /** Where each value not typed on the command line came from (`CHAT_LINE_PORT`, `--config chat.json`), by flag. */
      sources: Record<string, string>;
    }
  | { kind: 'help' }
  | { kind: 'version' };

/** A command line that cannot be used, said in one line. */
export class UsageError extends Error {}

type Value = string | boolean | string[];

/** An argument that starts like a flag is taken as the next flag, not as the value of the one before. */
function looksLikeFlag(arg: string): boolean {
  return /^--?[A-Za-z]/.test(arg);
}

/** The table's entry for `name`, never one of Object.prototype's (`--constructor`). */
function flagNamed(spec: CommandSpec<FlagTable>, name: string): FlagSpec | undefined {
  return Object.hasOwn(spec.flags, name) ? spec.flags[name] : undefined;
}

/** The environment variable of a flag: data-dir -> CHAT_LINE_DATA_DIR. */
export function envName(prefix: string, flag: string): string {
  return `${prefix}_${flag.toUpperCase().replace(/-/g, '_')}`;
}

function booleanOf(text: string, where: string): boolean {
  if (/^(true|1|yes|on)$/i.test(text)) return true;
  if (/^(false|0|no|off)$/i.test(text)) return false;
  throw new UsageError(`${where} must be true or false, got ${JSON.stringify(text)}`);
}

function unknownFlags(names: readonly string[], known: readonly string[]): UsageError {
  const near = nearestName(names[0] ?? '', known);
  const flags = names.map((name) => (name.length === 1 ? `-${name}` : `--${name}`)).join(', ');
  return new UsageError(`unknown ${names.length === 1 ? 'flag' : 'flags'} ${flags}${near === undefined ? '' : `; did you mean --${near}?`}`);
}

/** The flags typed on the command line, by name, checked against the table. */
function fromArguments(spec: CommandSpec<FlagTable>, args: readonly string[]): { values: Map<string, Value>; operands: string[]; help: boolean; version: boolean } {
  const values = new Map<string, Value>();
  const unknown: string[] = [];
  const stray: string[] = [];
  // Said only when --help was not asked for: `--port --help` shows the help.
  const problems: string[] = [];
  let help = false;
  let version = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      stray.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--version' && spec.version !== undefined) version = true;
    else if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
      const inline = equals < 0 ? undefined : arg.slice(equals + 1);
      const flag = flagNamed(spec, name) ?? (name === 'config' && spec.config ? ({ type: 'string' } as const) : undefined);
      const negated = name.startsWith('no-') ? flagNamed(spec, name.slice(3)) : undefined;
      const next = args[i + 1];
      if (negated?.type === 'boolean' && inline === undefined) values.set(name.slice(3), false);
      else if (flag === undefined) unknown.push(name);
      else if (flag.type === 'boolean') {
        // As yargs did: `--tls true` and `--tls false` too.
        const given = inline ?? (next !== undefined && /^(true|false)$/i.test(next) ? args[++i] : undefined);
        try {
          values.set(name, given === undefined ? true : booleanOf(given, `--${name}`));
        } catch (error) {
          problems.push((error as Error).message);
        }
      } else {
        const value = inline ?? (next !== undefined && !looksLikeFlag(next) ? args[++i] : undefined);
        if (value === undefined) {
          const dashed = next !== undefined && /^-[^-]/.test(next); // -Welcome- is more likely a value than a flag
          problems.push(`--${name} needs a value${dashed ? ` (one that starts with "-" goes as --${name}=${next})` : ''}`);
        } else if (flag.type === 'string') values.set(name, value);
        else {
          // As before: `--admin alice bob` gives both, as `--admin alice --admin bob` does.
          const list = [...((values.get(name) as string[] | undefined) ?? []), value];
          while (inline === undefined && args[i + 1] !== undefined && !looksLikeFlag(args[i + 1] ?? '')) list.push(args[++i] ?? '');
          values.set(name, list);
        }
      }
    } else if (looksLikeFlag(arg)) unknown.push(...arg.slice(1).split('')); // flags are ASCII: -xy is -x -y
    else stray.push(arg);
  }
  if (!help) {
    if (problems[0] !== undefined) throw new UsageError(problems[0]);
    if (unknown.length > 0) throw unknownFlags(unknown, Object.keys(spec.flags));
    if (stray.length > 0 && spec.operands === undefined) throw new UsageError(`unexpected ${JSON.stringify(stray[0])}: every value follows its flag (--name value)`);
  }
  return { values, operands: stray, help, version };
}

/** A flag's value from the config file or the environment, as the table says it is typed. */
function valueFrom(flag: FlagSpec, given: unknown, where: string): Value {
  if (flag.type === 'boolean') {
    if (typeof given === 'boolean') return given;
    if (typeof given === 'string') return booleanOf(given, where);
  } else if (flag.type === 'list') {
    if (typeof given === 'string') return given.split(/[\s,]+/).filter((item) => item !== '');
    if (Array.isArray(given) && given.every((item) => typeof item === 'string')) return given;
  } else if (typeof given === 'string' || typeof given === 'number') return String(given);
  const wanted = flag.type === 'boolean' ? 'true or false' : flag.type === 'list' ? 'a list of strings' : 'a string or a number';
  throw new UsageError(`${where} must be ${wanted}, got ${JSON.stringify(given)}`);
}

function fromConfigFile(spec: CommandSpec<FlagTable>, file: string): Map<string, Value> {
  let read: Record<string, unknown>;
  try {
    read = spec.config?.read(file) ?? {};
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = new Map<string, Value>();
  const known = Object.keys(spec.flags);
  for (const [key, given] of Object.entries(read)) {
    const flag = flagNamed(spec, key);
    if (flag === undefined) {
      const near = nearestName(key, known);
      throw new UsageError(`--config ${file}: unknown key "${key}"${near === undefined ? '' : `; did you mean "${near}"?`}`);
    }
    values.set(key, valueFrom(flag, given, `--config ${file}: "${key}"`));
  }
  return values;
}

/**
 * Reads a command line. Each flag's value comes from, in this order of precedence: the
 * command line, PREFIX_<FLAG> in the environment, the --config file, the flag's fallback
 * variable, its default. Throws a UsageError saying in one line what is wrong.
 */
export function parseCommandLine<F extends FlagTable>(
  spec: CommandSpec<F>,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedCommandLine<F> {
  const typed = fromArguments(spec, args);
  if (typed.help) return { kind: 'help' };
  if (typed.version) return { kind: 'version' };
  const present = (text: string | undefined): text is string => text !== undefined && text !== '';
  const configFile = (typed.values.get('config') as string | undefined) ?? (spec.envPrefix ? env[envName(spec.envPrefix, 'config')] : undefined);
  const fromFile = spec.config && present(configFile) ? fromConfigFile(spec, configFile) : new Map<string, Value>();
  const values: Record<string, Value | undefined> = {};
  const sources: Record<string, string> = {};
  for (const [name, flag] of Object.entries(spec.flags)) {
    const variable = spec.envPrefix ? envName(spec.envPrefix, name) : undefined;
    const fromEnv = variable === undefined ? undefined : env[variable];
    const fallback = flag.fallbackEnv === undefined ? undefined : env[flag.fallbackEnv];
    let value = typed.values.get(name);
    if (value === undefined && variable !== undefined && present(fromEnv)) [value, sources[name]] = [valueFrom(flag, fromEnv, variable), variable];
    if (value === undefined && fromFile.has(name)) [value, sources[name]] = [fromFile.get(name), `--config ${configFile ?? ''}`];
    if (value === undefined && flag.fallbackEnv !== undefined && present(fallback)) {
      [value, sources[name]] = [valueFrom(flag, fallback, flag.fallbackEnv), flag.fallbackEnv];
    }
    value ??= flag.default ?? (flag.type === 'boolean' ? false : flag.type === 'list' ? [] : undefined);
    if (flag.choices && typeof value === 'string' && !flag.choices.includes(value)) {
      throw new UsageError(fromWhere(`--${name} must be one of ${flag.choices.join(', ')}; got ${JSON.stringify(value)}`, sources));
    }
    values[name] = value;
  }
  // Each value was read as its table entry says (valueFrom, fromArguments), which is what FlagValues<F> spells out.
  return { kind: 'run', values: values as FlagValues<F>, operands: typed.operands, sources };
}

/**
 * A message about `--flag` that says where the value came from when it was not typed:
 * `--port must be a whole number from 1 to 65535, got "eighty" (from CHAT_LINE_PORT)`.
 */
export function fromWhere(message: string, sources: Readonly<Record<string, string>>): string {
  const flag = /^--([\w-]+)/.exec(message)?.[1];
  const source = flag !== undefined && Object.hasOwn(sources, flag) ? sources[flag] : undefined;
  return source === undefined ? message : `${message} (from ${source})`;
}
