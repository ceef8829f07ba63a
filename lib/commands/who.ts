import type { UserPresence } from '../chat/presence.js';
import { formatTable, plural } from '../util/text-layout.js';
import { DEFAULT_ROOM } from '../chat/text/names.js';
import type { CommandContext, CommandSpec } from './command.js';

/** `online`, `online (2 sessions), away: lunch` or `offline`, as /who and /whois show it. */
export function presenceText(member: UserPresence): string {
  if (!member.online) return 'offline';
  const online = member.sessions > 1 ? `online (${member.sessions} sessions)` : 'online';
  return member.away === null ? online : `${online}, away: ${member.away}`;
}
import { visibleRoom } from './room-arg.js';

export const who: CommandSpec = {
  name: 'who',
  aliases: ['names'],
  params: ['?room'],
  usage: '/who [room|*]',
  summary: 'who is in a room (default: the current one) and who is online; /who * lists everyone online',
  details: ['Example:  /who', 'Example:  /who dev', 'Example:  /who *      everyone online now (also /online)'],
  run(ctx, args) {
    if (args.room === '*') {
      listOnline(ctx);
      return;
    }
    const room = visibleRoom(ctx, args.room ?? ctx.currentRoom);
    const members = ctx.chat.rooms.members(room);
    const online = members.filter((m) => m.online).length;
    ctx.info(`#${room}: ${plural(members.length, 'member')}, ${online} online`);
    ctx.info(...formatTable(members.map((m) => [m.nick, presenceText(m)])));
  },
};

export const online: CommandSpec = {
  name: 'online',
  params: [],
  usage: '/online',
  summary: 'everyone online now, in any room (the same as /who *)',
  details: ['Example:  /online'],
  run(ctx) {
    listOnline(ctx);
  },
};

function listOnline(ctx: CommandContext): void {
  // Every user is a member of the default room, so its members are everyone.
  const users = ctx.chat.rooms.members(DEFAULT_ROOM).filter((member) => member.online);
  ctx.info(`online now: ${plural(users.length, 'user')}`);
  ctx.info(...formatTable(users.map((user) => [user.nick, presenceText(user)])));
}
