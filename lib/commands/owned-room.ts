import { sameNick } from '../chat/private-rooms.js';
import type { CommandContext } from './command.js';
import { visibleRoom } from './room-arg.js';
import { refuse } from '../chat/refusals.js';

/**
 * A private room the caller owns, for the owner's commands (/invite, /link, /kick...).
 * A room the caller cannot see answers exactly like a missing one; members who are not
 * the owner learn only that it is not theirs to manage.
 */
export function ownedRoom(ctx: CommandContext, input: string): string {
  const room = visibleRoom(ctx, input);
  const record = ctx.chat.rooms.get(room)?.record;
  if (record?.visibility !== 'private') {
    throw refuse.notPrivate(room);
  }
  if (!sameNick(record.owner, ctx.nick)) {
    throw refuse.notRoomOwner(room, record.owner);
  }
  return room;
}
