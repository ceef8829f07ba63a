import { sameNick } from '../chat/private-rooms.js';
import { ChatError } from '../chat/errors.js';
import type { CommandContext } from './command.js';
import { visibleRoom } from './room-arg.js';

/**
 * A private room the caller owns, for the owner's commands (/invite, /link, /kick...).
 * A room the caller cannot see answers exactly like a missing one; members who are not
 * the owner learn only that it is not theirs to manage.
 */
export function ownedRoom(ctx: CommandContext, input: string): string {
  const room = visibleRoom(ctx, input);
  const record = ctx.chat.rooms.get(room)?.record;
  if (record?.visibility !== 'private') {
    throw new ChatError('NOT_PRIVATE', `#${room} is public: anyone can join it with /chats ${room}. Invitations, links and kicks are for private rooms.`);
  }
  if (!sameNick(record.owner, ctx.nick)) {
    throw new ChatError('NOT_ROOM_OWNER', `Only the owner of #${room}, ${record.owner ?? 'nobody'}, can do that.`);
  }
  return room;
}
