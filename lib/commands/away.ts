import type { CommandContext, CommandSpec } from './command.js';

/** Ends being away; `/away` alone and `/back` both do it. */
export function comeBack(ctx: CommandContext): void {
  if (ctx.user.away === null) {
    ctx.info('you are not away. /away <message> to be.');
    return;
  }
  ctx.chat.presence.setAway(ctx.nick, null);
  ctx.info('welcome back: you are no longer away');
}

export const away: CommandSpec = {
  name: 'away',
  params: ['?message...'],
  usage: '/away [message]',
  summary: 'say you are away: others see it in /who and /whois, and private messages get it as a reply',
  details: [
    'Example:  /away lunch, back at 2',
    '/away with no message (or /back) says you are back. Logging out of every session also ends it.',
  ],
  run(ctx, args) {
    if (args.message === undefined) {
      comeBack(ctx);
      return;
    }
    const away = ctx.chat.presence.setAway(ctx.nick, args.message);
    ctx.info(`you are away: ${away ?? ''}. /back when you return.`);
  },
};
