import type Database from 'better-sqlite3';
import type { Constructor } from '../mixin.js';
import type { MembershipRecord, RoomRecord, RoomTopic, RoomVisibility } from '../records.js';
import type { RoomStore } from '../room-store.js';
import type { SqliteCore } from './sqlite-core.js';

/** SqliteStore's rooms and memberships. Nicks compare case-insensitively through the columns' NOCASE collation. */

interface RoomRow {
  name: string;
  visibility: RoomVisibility;
  owner: string | null;
  created_at: number;
  topic_text: string | null;
  topic_by: string | null;
  topic_at: number | null;
}

interface MembershipRow {
  room: string;
  nick: string;
  since_id: number;
}

/** Prepared once, when the store opens; the type arguments assert the row shapes above. */
function prepareRoomStatements(db: Database.Database) {
  return {
    getRoom: db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE name = ?'),
    insertRoom: db.prepare<[string, RoomVisibility, string | null, number]>(
      'INSERT INTO rooms (name, visibility, owner, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    listRooms: db.prepare<[], RoomRow>('SELECT * FROM rooms ORDER BY name'),
    setTopic: db.prepare<[string | null, string | null, number | null, string]>('UPDATE rooms SET topic_text = ?, topic_by = ?, topic_at = ? WHERE name = ?'),

    insertMembership: db.prepare<[string, string, number]>(
      'INSERT INTO memberships (room, nick, since_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    deleteMembership: db.prepare<[string, string]>('DELETE FROM memberships WHERE room = ? AND nick = ?'),
    listMemberships: db.prepare<[], MembershipRow>('SELECT * FROM memberships ORDER BY room, nick'),
  };
}

function toRoom(row: RoomRow): RoomRecord {
  const room: RoomRecord = { name: row.name, visibility: row.visibility, owner: row.owner, createdAt: row.created_at };
  if (row.topic_text !== null) room.topic = { text: row.topic_text, by: row.topic_by ?? '', at: row.topic_at ?? 0 };
  return room;
}

function toMembership(row: MembershipRow): MembershipRecord {
  return { room: row.room, nick: row.nick, sinceId: row.since_id };
}

export function sqliteRooms<Base extends Constructor<SqliteCore>>(base: Base) {
  return class SqliteRooms extends base implements RoomStore {
    private readonly roomSql = prepareRoomStatements(this.db);

    getRoom(name: string): Promise<RoomRecord | undefined> {
      return this.use(() => {
        const row = this.roomSql.getRoom.get(name);
        return row && toRoom(row);
      });
    }

    createRoom(room: RoomRecord): Promise<boolean> {
      return this.use(() => this.roomSql.insertRoom.run(room.name, room.visibility, room.owner, room.createdAt).changes === 1);
    }

    listRooms(): Promise<RoomRecord[]> {
      return this.use(() => this.roomSql.listRooms.all().map(toRoom));
    }

    setTopic(room: string, topic: RoomTopic | null): Promise<boolean> {
      return this.use(() => this.roomSql.setTopic.run(topic?.text ?? null, topic?.by ?? null, topic?.at ?? null, room).changes === 1);
    }

    addMember(membership: MembershipRecord): Promise<void> {
      return this.use(() => {
        this.roomSql.insertMembership.run(membership.room, membership.nick, membership.sinceId);
      });
    }

    removeMember(room: string, nick: string): Promise<void> {
      return this.use(() => {
        this.roomSql.deleteMembership.run(room, nick);
      });
    }

    listMemberships(): Promise<MembershipRecord[]> {
      return this.use(() => this.roomSql.listMemberships.all().map(toMembership));
    }
  };
}
