import type { Constructor } from '../mixin.js';
import type { MembershipRecord, RoomRecord, RoomTopic } from '../records.js';
import type { RoomStore } from '../room-store.js';
import { compareStrings, nickKey } from '../collation.js';
import { entryOf, type MemoryTables } from './memory-tables.js';

/** MemoryStore's rooms and memberships. */
export function memoryRooms<Base extends Constructor<MemoryTables>>(base: Base) {
  return class MemoryRooms extends base implements RoomStore {
    getRoom(name: string): Promise<RoomRecord | undefined> {
      return this.use(() => {
        const room = this.rooms.get(name);
        return room && copyRoom(room);
      });
    }

    createRoom(room: RoomRecord): Promise<boolean> {
      return this.use(() => {
        if (this.rooms.has(room.name)) return false;
        this.rooms.set(room.name, copyRoom(room));
        return true;
      });
    }

    setTopic(name: string, topic: RoomTopic | null): Promise<boolean> {
      return this.use(() => {
        const room = this.rooms.get(name);
        if (!room) return false;
        const { topic: _old, ...rest } = room;
        this.rooms.set(name, topic === null ? rest : { ...rest, topic: { ...topic } });
        return true;
      });
    }

    listRooms(): Promise<RoomRecord[]> {
      return this.use(() =>
        [...this.rooms.values()].map(copyRoom).sort((a, b) => compareStrings(a.name, b.name)),
      );
    }

    addMember(membership: MembershipRecord): Promise<void> {
      return this.use(() => {
        const rooms = entryOf(this.memberships, nickKey(membership.nick));
        if (!rooms.has(membership.room)) rooms.set(membership.room, { ...membership });
      });
    }

    removeMember(room: string, nick: string): Promise<void> {
      return this.use(() => {
        this.memberships.get(nickKey(nick))?.delete(room);
      });
    }

    listMemberships(): Promise<MembershipRecord[]> {
      // Same order as SqliteStore: by room, then nick.
      return this.use(() =>
        [...this.memberships.entries()]
          .flatMap(([key, rooms]) => [...rooms.values()].map((membership) => ({ key, membership })))
          .sort((a, b) => compareStrings(a.membership.room, b.membership.room) || compareStrings(a.key, b.key))
          .map(({ membership }) => ({ ...membership })),
      );
    }
  };
}

/** A copy that shares nothing with the stored record, its topic included. */
function copyRoom(room: RoomRecord): RoomRecord {
  return room.topic ? { ...room, topic: { ...room.topic } } : { ...room };
}
