import { ChatError } from '../chat/errors.js';
import { bindArgs } from './bind-args.js';
import type { CommandContext } from './command.js';
import { say } from './say.js';

/** A message to the session's current room (a line without a command). */
export async function runMessage(ctx: CommandContext, text: string): Promise<void> {
  await say.run(ctx, { text });
}

/** Runs command `name` (as typed, without its slash) with the rest of the line as its arguments. */
export async function runCommand(ctx: CommandContext, name: string, rest: string): Promise<void> {
  const spec = ctx.commands.get(name);
  // Answers (errors too) come after the echoes of the messages typed before.
  if (!spec?.pipelined) await ctx.allFinished();
  if (!spec) throw new ChatError('UNKNOWN_COMMAND', `There is no command /${name}. Type /help for the list.`);
  const bound = bindArgs(spec.params, rest);
  if (!bound.ok) {
    if ('missing' in bound) throw new ChatError('MISSING_ARGUMENT', `Missing <${bound.missing}>. Usage: ${spec.usage}`);
    throw new ChatError('INVALID_ARGUMENT', `Unexpected "${bound.extra}". Usage: ${spec.usage}`);
  }
  await spec.run(ctx, bound.args);
}
