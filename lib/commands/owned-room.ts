import { PrivateRooms, sameNick } from '../chat/private-rooms.js';
import { ChatError } from '../chat/errors.js';
import type { CommandContext } from './command.js';
import { visibleRoom } from './room-arg.js';

/** The private-room rules, for this command's caller. */
export function privateRooms(ctx: CommandContext): PrivateRooms {
  return new PrivateRooms(ctx.hub, ctx.config.linkTtlMs);
}

/**
 * A private room the caller owns, for the owner's commands (/invite, /link, /kick...).
 * A room the caller cannot see answers exactly like a missing one; members who are not
 * the owner learn only that it is not theirs to manage.
 */
export function ownedRoom(ctx: CommandContext, input: string): string {
  const room = visibleRoom(ctx, input);
  const record = ctx.hub.room(room)?.record;
  if (record?.visibility !== 'private') {
    throw new ChatError('NOT_PRIVATE', `#${room} is public: anyone can join it with /chats ${room}. Invitations, links and kicks are for private rooms.`);
  }
  if (!sameNick(record.owner, ctx.nick)) {
    throw new ChatError('NOT_ROOM_OWNER', `Only the owner of #${room}, ${record.owner ?? 'nobody'}, can do that.`);
  }
  return room;
}
