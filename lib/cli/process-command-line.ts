import { parseCommandLine, UsageError, type CommandSpec, type FlagTable, type ParsedCommandLine } from './command-line.js';
import { helpText } from './help-text.js';

/** Exit code for a command line we cannot use (as opposed to 1: the server could not start, the connection failed). */
export const USAGE_ERROR = 2;

/** One line saying what was wrong, one saying where to read more: never the whole help. Exits. */
export function exitWithUsageError(command: string, message: string): never {
  console.error(`${command}: ${message}`);
  console.error(`Run \`${command} --help\` for the options.`);
  process.exit(USAGE_ERROR);
}

/**
 * The flags (and operands) of this process's command line and environment. After --help or
 * --version, printed here, it returns undefined; a command line that cannot be used exits with code 2.
 */
export function readProcessCommandLine<F extends FlagTable>(spec: CommandSpec<F>): Extract<ParsedCommandLine<F>, { kind: 'run' }> | undefined {
  let parsed;
  try {
    parsed = parseCommandLine(spec, process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) exitWithUsageError(spec.name, error.message);
    throw error;
  }
  if (parsed.kind === 'run') return parsed;
  console.log(parsed.kind === 'help' ? helpText(spec) : spec.version);
  return undefined;
}
