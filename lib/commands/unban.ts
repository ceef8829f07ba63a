import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { requireOperator } from './operator-only.js';
import { registeredUser } from './user-arg.js';

export const unban: CommandSpec = {
  name: 'unban',
  params: ['nick'],
  usage: '/unban <nick>',
  summary: '(operators) lift a report ban and clear its reports',
  details: ['Example:  /unban bob', 'The reports against the user are forgotten: a new ban cycle starts.'],
  async run(ctx, args) {
    requireOperator(ctx, 'unban');
    const user = await registeredUser(ctx, required(args, 'nick'));
    const lifted = await ctx.chat.reports.lift(user.nick, ctx.nick);
    if (!lifted) {
      ctx.info(`${user.nick} is not banned; their reports, if any, were cleared`);
      return;
    }
    await ctx.chat.messages.notify(user.nick, `${ctx.nick} lifted your ban: you can send again`);
    ctx.info(`unbanned ${user.nick}`);
  },
};
