import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { requireOperator } from './operator-only.js';

export const announce: CommandSpec = {
  name: 'announce',
  params: ['text...'],
  usage: '/announce <text>',
  summary: '(operators) tell everyone online, whatever room they are in',
  details: ['Example:  /announce Restarting in 5 minutes', 'Shown as  -- announcement from alice: Restarting in 5 minutes  (not stored).'],
  run(ctx, args) {
    requireOperator(ctx, 'announce');
    ctx.chat.operators.announce(ctx.nick, required(args, 'text'));
  },
};
