import type { CommandContext } from '../../commands/command.js';
import { runCommand, runMessage } from '../../commands/dispatch.js';
import { parseLine } from './parse-line.js';

/** Runs one line typed by a logged-in user: a plain message or a slash command. */
export async function dispatchLine(ctx: CommandContext, line: string): Promise<void> {
  const parsed = parseLine(line);
  if (parsed.type === 'empty') return;
  if (parsed.type === 'message') await runMessage(ctx, parsed.text);
  else await runCommand(ctx, parsed.name, parsed.rest);
}
