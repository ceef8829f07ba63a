import { addDays } from 'date-fns/addDays';
import { addHours } from 'date-fns/addHours';
import { startOfDay } from 'date-fns/startOfDay';
import { formatWhen } from '../util/time-text.js';
import { isValidNick, stripNickSigil } from '../chat/text/names.js';
import { WHEN_FORMS, parseWhen } from '../chat/schedule/when.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { refuse } from '../chat/refusals.js';
import { formatDate } from '../util/date-text.js';

export const schedule: CommandSpec = {
  name: 'schedule',
  aliases: ['later'],
  params: ['when', 'text...'],
  usage: '/schedule <when> [@nick] <text>',
  summary: 'send a message later: to your current room, or privately with @nick',
  // The dated example is tomorrow morning, so that it can be typed as it stands.
  details: (now) => [
    'Example:  /schedule +10m stand-up in the usual place',
    'Example:  /schedule 14:30 @bob call me back',
    `Example:  /schedule ${formatDate(addHours(addDays(startOfDay(now), 1), 9), "yyyy-MM-dd'T'HH:mm")} good morning, everyone`,
    `<when> is ${WHEN_FORMS}. /scheduled lists yours, /cancel <id> cancels one.`,
  ],
  async run(ctx, args) {
    const whenText = required(args, 'when');
    const now = ctx.now();
    const dueAt = parseWhen(whenText, now);
    if (dueAt === undefined) throw refuse.invalidTime(`"${whenText}" is not a time: use ${WHEN_FORMS}.`);
    let text = required(args, 'text');
    let route: 'room' | 'private' = 'room';
    let target = ctx.currentRoom;
    const privately = /^@(\S+)\s+(.+)$/.exec(text);
    if (privately?.[1] && privately[2]) {
      const nick = stripNickSigil(privately[1]);
      const user = isValidNick(nick) ? await ctx.chat.user(nick) : undefined;
      if (!user) throw refuse.noSuchUser(nick);
      route = 'private';
      target = user.nick;
      text = privately[2];
    }
    // A banned user may not line up messages either; the ban is checked again at send time.
    ctx.chat.reports.check({ from: ctx.nick, route, target, at: now });
    const record = await ctx.chat.scheduler.schedule({ author: ctx.nick, route, target, text, dueAt });
    const id = ctx.chat.scheduler.shownId(record);
    ctx.info(`scheduled ${id} for ${formatWhen(record.dueAt, now)} to ${route === 'room' ? '#' : '@'}${target}; /cancel ${id} cancels it`);
  },
};
