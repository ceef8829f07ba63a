import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { requireOperator } from './operator-only.js';
import { registeredUser } from './user-arg.js';

export const unmute: CommandSpec = {
  name: 'unmute',
  params: ['nick'],
  usage: '/unmute <nick>',
  summary: '(operators) lift a mute before it runs out',
  details: ['Example:  /unmute bob'],
  async run(ctx, args) {
    requireOperator(ctx, 'unmute');
    const user = await registeredUser(ctx, required(args, 'nick'));
    if (!(await ctx.chat.mutes.unmute(user.nick, ctx.nick))) {
      ctx.info(`${user.nick} is not muted`);
      return;
    }
    await ctx.chat.messages.notify(user.nick, `${ctx.nick} lifted your mute: you can send again`);
    ctx.info(`unmuted ${user.nick}`);
  },
};
