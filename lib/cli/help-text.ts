import { envName, type CommandSpec, type FlagSpec, type FlagTable } from './command-line.js';

/** Below this many columns for descriptions, they go under their flag instead of beside it. */
const MIN_DESCRIPTION_COLUMNS = 30;
const STACKED_INDENT = 6;

/** The width --help is laid out for: the terminal's, at most 100; 80 off a terminal. */
function helpWidth(): number {
  return Math.min(process.stdout.isTTY ? process.stdout.columns : 80, 100);
}

/** Joins words that wrapWords keeps on one line: `(default: 20)` is not split after its colon. */
const KEEP_TOGETHER = '\u00a0';

/** Words into lines of at most `width` characters, never cutting a word (a longer one has a line of its own). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \t\n]+/)) {
    if (word === '') continue;
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((wrapped) => wrapped.replaceAll(KEEP_TOGETHER, ' '));
}

/** Each line of `text` wrapped on its own, indented. */
function paragraphs(text: string, width: number, indent = 0): string[] {
  const pad = ' '.repeat(indent);
  return text.split('\n').flatMap((line) => (line.trim() === '' ? [''] : wrapWords(line, width - indent).map((part) => pad + part)));
}

function flagLabel(name: string, flag: Pick<FlagSpec, 'type' | 'value'>): string {
  return flag.type === 'boolean' ? `--${name}` : `--${name} ${flag.value ?? 'VALUE'}`;
}

function describe(flag: FlagSpec): string {
  const shown = flag.defaultText ?? (flag.default === true ? 'on' : typeof flag.default === 'string' && flag.default !== '' ? flag.default : undefined);
  return shown === undefined ? flag.describe : `${flag.describe} (default:${KEEP_TOGETHER}${shown})`;
}

/** Flags in two columns, or each description under its flag when the terminal is narrow. */
function flagLines(rows: readonly (readonly [label: string, text: string])[], width: number): string[] {
  const widest = Math.max(...rows.map(([label]) => label.length + 2));
  const column = Math.min(widest + 2, Math.floor(width * 0.45));
  const stacked = width - column < MIN_DESCRIPTION_COLUMNS;
  const indent = stacked ? STACKED_INDENT : column;
  const lines: string[] = [];
  for (const [label, text] of rows) {
    const described = wrapWords(text, width - indent);
    const left = `  ${label}`;
    if (!stacked && left.length + 2 <= column) {
      lines.push(left.padEnd(column) + (described.shift() ?? ''));
    } else lines.push(left);
    for (const line of described) lines.push(' '.repeat(indent) + line);
  }
  return lines;
}

/** The whole --help text of a command, laid out for `width` columns. */
export function helpText<F extends FlagTable>(spec: CommandSpec<F>, width = helpWidth()): string {
  const rows: [string, string][] = Object.entries(spec.flags).map(([name, flag]) => [flagLabel(name, flag), describe(flag)]);
  if (spec.config) rows.push([flagLabel('config', { type: 'string', value: 'FILE' }), spec.config.describe]);
  rows.push(['-h, --help', 'show this help']);
  if (spec.version !== undefined) rows.push(['--version', 'show the version number']);
  const out = [...paragraphs(`Usage: ${spec.name} ${spec.usage}`, width), '', ...paragraphs(spec.about, width), '', 'Options:', ...flagLines(rows, width)];
  if (spec.envPrefix) {
    const names = Object.keys(spec.flags);
    // A flag with a dash shows that it becomes an underscore.
    const example = envName(spec.envPrefix, names.find((name) => name.includes('-')) ?? names[0] ?? 'flag');
    const sources = `the command line wins over the environment${spec.config ? ', and both over --config' : ''}`;
    out.push('', ...paragraphs(`Each flag can also be set in the environment as ${spec.envPrefix}_<FLAG>, e.g. ${example}; ${sources}.`, width));
  }
  if (spec.examples && spec.examples.length > 0) {
    out.push('', 'Examples:');
    for (const [command, meaning] of spec.examples) {
      out.push(...paragraphs(command.replace(/\$0/g, spec.name), width, 2), ...paragraphs(meaning, width, STACKED_INDENT));
    }
  }
  if (spec.epilogue) out.push('', ...paragraphs(spec.epilogue, width));
  return out.join('\n');
}
