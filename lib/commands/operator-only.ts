import { isOperator } from '../chat/moderation/operators.js';
import type { CommandContext } from './command.js';
import { refuse } from '../chat/refusals.js';

/** Refuses an operator command to anyone else, naming it. */
export function requireOperator(ctx: CommandContext, command: string): void {
  if (!isOperator(ctx.config, ctx.nick)) {
    throw refuse.notAnOperator(command);
  }
}
