import type { CommandSpec } from './command.js';
import { required } from './command.js';

export const password: CommandSpec = {
  name: 'password',
  params: ['old', 'new'],
  usage: '/password <old> <new>',
  summary: 'change your password',
  details: ['Example:  /password wonderland looking-glass', 'Passwords given this way cannot contain spaces. Your sessions stay logged in.'],
  async run(ctx, args) {
    await ctx.accounts.changePassword(ctx.nick, required(args, 'old'), required(args, 'new'));
    ctx.hub.logger.info('user.password_changed', { nick: ctx.nick });
    ctx.info('password changed: use the new one from your next login');
  },
};
