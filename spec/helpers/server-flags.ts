import { parseCommandLine } from '../../lib/cli/command-line.js';
import { SERVER_COMMAND } from '../../lib/cli/server-flags.js';
import { toServerConfig } from '../../lib/cli/server-options.js';
import type { ServerConfig } from '../../lib/config.js';

/** The server's config from a command line, read with this process's environment (as the server reads its own). */
export function configFrom(args: readonly string[]): ServerConfig {
  const parsed = parseCommandLine(SERVER_COMMAND, args, process.env);
  if (parsed.kind !== 'run') throw new Error(`${args.join(' ')} asked for --${parsed.kind}`);
  return toServerConfig(parsed.values);
}
