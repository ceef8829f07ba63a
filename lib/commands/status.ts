import { formatDistanceStrict, format } from 'date-fns';
import { VERSION } from '../config.js';
import type { CommandSpec } from './command.js';

export const status: CommandSpec = {
  name: 'status',
  params: [],
  usage: '/status',
  summary: 'server time, uptime, who is connected, rooms, and your rooms',
  details: ['Example:  /status'],
  async run(ctx) {
    const now = ctx.hub.clock.now();
    const stats = ctx.hub.stats();
    const messages = await ctx.hub.store.countMessages();
    ctx.info(
      `server time: ${format(now, 'yyyy-MM-dd HH:mm:ss xxx')}`,
      `version: chat-line ${VERSION}`,
      `uptime: ${formatDistanceStrict(stats.startedAt, now)}`,
      `connected: ${stats.usersOnline} users in ${stats.sessions} sessions${stats.servers > 1 ? `, on ${stats.servers} servers` : ''}`,
      `rooms: ${stats.rooms}`,
      `messages stored: ${messages}`,
      `you: ${ctx.nick}, in #${ctx.currentRoom}; your rooms: ${ctx.hub.roomsOf(ctx.nick).map((r) => '#' + r).join(' ')}`,
    );
  },
};
