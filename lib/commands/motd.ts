import type { CommandSpec } from './command.js';
import { requireOperator } from './operator-only.js';

export const motd: CommandSpec = {
  name: 'motd',
  params: ['?text...'],
  usage: '/motd [text]',
  summary: 'show the message of the day; operators set it with /motd <text> (/motd off removes it)',
  details: ['Example:  /motd', 'Example:  /motd Maintenance tonight at 22:00, back by 22:15', 'It is shown to everyone at login and kept across restarts.'],
  async run(ctx, args) {
    if (args.text === undefined) {
      ctx.show({ kind: 'motd', text: ctx.chat.motd });
      return;
    }
    requireOperator(ctx, 'motd');
    const off = args.text.toLowerCase() === 'off';
    await ctx.chat.operators.setMotd(off ? null : args.text, ctx.nick);
    ctx.info(off ? 'message of the day removed' : 'message of the day set: everyone sees it at login');
  },
};
