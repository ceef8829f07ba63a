import { stripNickSigil } from '../chat/text/names.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { refuse } from '../chat/refusals.js';

export const send: CommandSpec = {
  name: 'send',
  aliases: ['msg'],
  params: ['nick', 'text...'],
  usage: '/send <nick> <message>',
  summary: 'send a private message to a user, online or not',
  details: ['Example:  /send bob see you at 5', 'An offline user gets it when they next log in. /msg is the same command.'],
  pipelined: true,
  async run(ctx, args) {
    const to = stripNickSigil(required(args, 'nick'));
    const text = required(args, 'text');
    if (to.toLowerCase() === ctx.nick.toLowerCase()) throw refuse.selfMessage('write to');
    const queued = await ctx.chat.messages.sendPrivate(ctx.nick, to, text);
    const recipient = queued.message.to ?? to;
    // After the echo, which comes once the message is stored.
    ctx.finishLater(
      queued.stored.then(() => {
        const { online, away } = ctx.chat.presence.of(recipient);
        if (!online) ctx.info(`${recipient} is offline: they will get it when they next log in`);
        else if (away) ctx.info(`${recipient} is away: ${away}`);
      }),
    );
  },
};
