import { ChatError } from '../chat/errors.js';
import { bindArgs, parseLine } from '../protocol/line/parse-line.js';
import type { CommandContext, CommandSpec } from './command.js';
import { say } from './say.js';

/** Runs one line typed by a logged-in user: a plain message or a slash command. */
export async function dispatchLine(ctx: CommandContext, line: string): Promise<void> {
  const parsed = parseLine(line);
  if (parsed.type === 'empty') return;
  if (parsed.type === 'message') {
    await say.run(ctx, { text: parsed.text });
    return;
  }
  const spec = ctx.commands.get(parsed.name);
  // Answers (errors too) come after the echoes of the messages typed before.
  if (!spec?.pipelined) await ctx.allFinished();
  if (!spec) throw new ChatError('UNKNOWN_COMMAND', `There is no command /${parsed.name}. Type /help for the list.`);
  await runCommand(ctx, spec, parsed.rest);
}

async function runCommand(ctx: CommandContext, spec: CommandSpec, rest: string): Promise<void> {
  const bound = bindArgs(spec.params, rest);
  if (!bound.ok) {
    if ('missing' in bound) throw new ChatError('MISSING_ARGUMENT', `Missing <${bound.missing}>. Usage: ${spec.usage}`);
    throw new ChatError('INVALID_ARGUMENT', `Unexpected "${bound.extra}". Usage: ${spec.usage}`);
  }
  await spec.run(ctx, bound.args);
}
