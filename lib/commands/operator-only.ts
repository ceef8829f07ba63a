import { ChatError } from '../chat/errors.js';
import { isOperator } from '../chat/moderation/operators.js';
import type { CommandContext } from './command.js';

/** Refuses an operator command to anyone else, naming it. */
export function requireOperator(ctx: CommandContext, command: string): void {
  if (!isOperator(ctx.config, ctx.nick)) {
    throw new ChatError('NOT_AN_OPERATOR', `/${command} is for operators. The server names them with --admin <nick>.`);
  }
}
