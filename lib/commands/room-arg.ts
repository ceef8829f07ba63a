import { ROOM_RULES, normalizeRoomName } from '../chat/text/names.js';
import type { CommandContext } from './command.js';
import { refuse } from '../chat/refusals.js';

/** Turns a typed room name into its canonical form, or throws INVALID_ROOM. */
export function roomArg(input: string): string {
  const room = normalizeRoomName(input);
  if (!room) throw refuse.invalidRoom(input, ROOM_RULES);
  return room;
}

/** A room the caller may see; hidden ones answer exactly like missing ones. */
export function visibleRoom(ctx: CommandContext, input: string): string {
  const room = roomArg(input);
  const state = ctx.chat.rooms.get(room);
  if (!state || (state.record.visibility !== 'public' && !state.members.has(ctx.nick))) {
    throw refuse.noSuchRoom(room);
  }
  return room;
}
