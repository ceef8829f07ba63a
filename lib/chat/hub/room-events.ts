import { DEFAULT_ROOM } from '../text/names.js';
import type { HubEvent } from './events.js';
import type { FanOut } from './fan-out.js';
import type { Notice } from './notice.js';
import type { OnlineUser } from './online-user.js';
import type { RoomDirectory } from './room-directory.js';

/** The events that change a room's members or topic. */
export type RoomEvent = Extract<HubEvent, { type: 'topic-changed' | 'member-joined' | 'member-left' | 'member-kicked' | 'invited' }>;

/**
 * How ChatHub.apply changes the rooms index for a room event, and whom it tells: its part
 * of the one place state changes, apart so that the hub's core stays short.
 */
export function applyRoomEvent(event: RoomEvent, directory: RoomDirectory, online: ReadonlyMap<string, OnlineUser>, fanOut: FanOut): void {
  const state = directory.get(event.room);
  switch (event.type) {
    case 'topic-changed':
      if (!state) return;
      if (event.topic === null) delete state.record.topic;
      else state.record.topic = event.topic;
      fanOut.tell(state.online, { kind: 'topic', room: event.room, text: event.topic?.text ?? null, by: event.by });
      return;
    case 'member-joined': {
      directory.addMember(event.room, event.nick);
      const joined = directory.get(event.room);
      const user = online.get(event.nick.toLowerCase());
      if (joined && user) joined.online.add(user);
      if (joined && event.room !== DEFAULT_ROOM) fanOut.tell(joined.online, { kind: 'joined', room: event.room, nick: event.nick });
      return;
    }
    case 'member-left':
    case 'member-kicked': {
      const notice: Notice = event.type === 'member-kicked' ? { kind: 'kicked', room: event.room, nick: event.nick, by: event.by } : { kind: 'left', room: event.room, nick: event.nick };
      if (state && !(event.type === 'member-left' && event.quiet === true)) fanOut.tell(state.online, notice);
      directory.removeMember(event.room, event.nick);
      const user = online.get(event.nick.toLowerCase());
      if (state && user) state.online.delete(user);
      for (const session of user?.sessions ?? []) session.roomLost(event.room);
      return;
    }
    case 'invited': {
      // The room's members online, and the invitee wherever they are.
      const told = new Set(state?.online);
      const invitee = online.get(event.nick.toLowerCase());
      if (invitee) told.add(invitee);
      fanOut.tell(told, { kind: 'invited', room: event.room, nick: event.nick, by: event.by });
      return;
    }
  }
}
