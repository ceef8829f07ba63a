import { bindArgs } from './bind-args.js';
import type { CommandContext } from './command.js';
import { say } from './say.js';
import { refuse } from '../chat/refusals.js';

/** A message to the session's current room (a line without a command). */
export async function runMessage(ctx: CommandContext, text: string): Promise<void> {
  await say.run(ctx, { text });
}

/** Runs command `name` (as typed, without its slash) with the rest of the line as its arguments. */
export async function runCommand(ctx: CommandContext, name: string, rest: string): Promise<void> {
  const spec = ctx.commands.get(name);
  // Answers (errors too) come after the echoes of the messages typed before.
  if (!spec?.pipelined) await ctx.allFinished();
  if (!spec) throw refuse.unknownCommand(name);
  const bound = bindArgs(spec.params, rest);
  if (!bound.ok) {
    if ('missing' in bound) throw refuse.missingArgument(bound.missing, spec.usage);
    throw refuse.unexpectedArgument(bound.extra, spec.usage);
  }
  await spec.run(ctx, bound.args);
}
