import { formatWhen } from '../util/time-text.js';
import { parseDuration } from '../util/units.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { requireOperator } from './operator-only.js';
import { notSelf, registeredUser } from './user-arg.js';
import { refuse } from '../chat/refusals.js';

/** A year: long enough for any mute, short enough that the end is a real date. */
const MAX_MUTE_MS = 365 * 86_400_000;

export const mute: CommandSpec = {
  name: 'mute',
  params: ['nick', 'duration'],
  usage: '/mute <nick> <duration>',
  summary: '(operators) stop a user from sending for a while, e.g. /mute bob 10m',
  details: [
    'Example:  /mute bob 30m    (durations: 90s, 10m, 4h, 1d, 1w)',
    'They can still read, and still /send to an operator. Muting again replaces the end time. /unmute lifts it.',
  ],
  async run(ctx, args) {
    requireOperator(ctx, 'mute');
    const user = await registeredUser(ctx, required(args, 'nick'));
    notSelf(ctx, user.nick, 'That is you.');
    const text = required(args, 'duration');
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0 || ms > MAX_MUTE_MS) {
      throw refuse.invalidArgument(`"${text}" is not a duration of up to a year, such as 90s, 10m, 4h or 1d.`);
    }
    const record = await ctx.chat.mutes.mute(user.nick, ms, ctx.nick);
    const until = formatWhen(record.until, ctx.now());
    await ctx.chat.messages.notify(user.nick, `you are muted by ${ctx.nick} until ${until}: you can still /send to an operator`);
    ctx.info(`muted ${user.nick} until ${until}`);
  },
};
