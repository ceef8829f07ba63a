import { VERSION } from '../config.js';
import type { CommandSpec } from './command.js';
import { distanceText, formatDate } from '../util/date-text.js';

/**
 * What anyone may know about the server. Its counts are of what the asker can see: the
 * rooms they could list with /get_chats, not private rooms of others, and no count of
 * stored messages, which would grow with private traffic they cannot see. Whole-server
 * figures are for operators, on the HTTP endpoint (lib/ops/http-server.ts).
 */
export const status: CommandSpec = {
  name: 'status',
  params: [],
  usage: '/status',
  summary: 'server time, uptime, who is connected, the rooms you can see, and your rooms',
  details: ['Example:  /status'],
  run(ctx) {
    const now = ctx.now();
    const stats = ctx.chat.presence.stats();
    const mine = ctx.chat.rooms.roomsOf(ctx.nick);
    ctx.info(
      `server time: ${formatDate(now, 'yyyy-MM-dd HH:mm:ss xxx')}`,
      `version: chat-line ${VERSION}`,
      `uptime: ${distanceText(stats.startedAt, now)}`,
      `connected: ${stats.usersOnline} users in ${stats.sessions} sessions${stats.servers > 1 ? `, on ${stats.servers} servers` : ''}`,
      `rooms you can see: ${ctx.chat.rooms.list(ctx.nick).length}`,
      `you: ${ctx.nick}, in #${ctx.currentRoom}; your rooms: ${mine.map((r) => '#' + r).join(' ')}`,
    );
  },
};
