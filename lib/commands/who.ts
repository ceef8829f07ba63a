import type { UserPresence } from '../chat/presence.js';
import { formatTable } from '../util/text-layout.js';
import type { CommandSpec } from './command.js';

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
  usage: '/who [room]',
  summary: 'who is in a room (default: the current one) and who is online',
  details: ['Example:  /who', 'Example:  /who dev'],
  run(ctx, args) {
    const room = visibleRoom(ctx, args.room ?? ctx.currentRoom);
    const members = ctx.chat.rooms.members(room);
    const online = members.filter((m) => m.online).length;
    ctx.info(`#${room}: ${members.length} members, ${online} online`);
    ctx.info(...formatTable(members.map((m) => [m.nick, presenceText(m)])));
  },
};
