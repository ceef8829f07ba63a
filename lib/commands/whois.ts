import { formatWhen } from '../util/time-text.js';
import { formatTable } from '../util/text-layout.js';
import { isOperator } from '../chat/moderation/operators.js';
import type { CommandSpec } from './command.js';
import { required } from './command.js';
import { registeredUser } from './user-arg.js';
import { presenceText } from './who.js';
import { formatDate } from '../util/date-text.js';

export const whois: CommandSpec = {
  name: 'whois',
  params: ['nick'],
  usage: '/whois <nick>',
  summary: 'about a user: online or when last seen, away message, rooms you share',
  details: ['Example:  /whois bob'],
  async run(ctx, args) {
    const user = await registeredUser(ctx, required(args, 'nick'));
    const now = ctx.now();
    const presence = ctx.chat.presence.of(user.nick);
    const mine = new Set(ctx.chat.rooms.roomsOf(ctx.nick));
    const common = ctx.chat.rooms.roomsOf(user.nick).filter((room) => mine.has(room));
    const rows: [string, string][] = [
      ['status', presenceText(presence)],
    ];
    if (!presence.online) rows.push(['last seen', user.lastSeenAt === null ? 'never' : formatWhen(user.lastSeenAt, now)]);
    rows.push(['rooms in common', common.map((room) => `#${room}`).join(' ') || 'none'], ['registered', formatDate(user.createdAt, 'yyyy-MM-dd')]);
    if (isOperator(ctx.config, user.nick)) rows.push(['role', 'operator']);
    const mute = ctx.chat.mutes.muteOf(user.nick, now);
    if (mute) rows.push(['muted', `by ${mute.by} until ${formatWhen(mute.until, now)}`]);
    if (ctx.user.ignores.has(user.nick.toLowerCase())) rows.push(['ignored', 'by you (/unignore to stop)']);
    ctx.info(`${user.nick}:`, ...formatTable(rows.map(([key, value]) => [`  ${key}:`, value])));
  },
};
