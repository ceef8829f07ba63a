import type { Constructor } from '../mixin.js';
import type { MembershipRecord, RoomRecord, RoomTopic } from '../records.js';
import type { RoomStore } from '../room-store.js';
import { compareStrings, nickKey } from '../collation.js';
import { execReplies } from './redis-codec.js';
import type { RedisCore } from './redis-core.js';

/** RedisStore's rooms and memberships: the `rooms` and `memberships` hashes, and `rooms-of:<nk>` per user. */
export function redisRooms<Base extends Constructor<RedisCore>>(base: Base) {
  return class RedisRooms extends base implements RoomStore {
    getRoom(name: string): Promise<RoomRecord | undefined> {
      return this.use(async () => {
        const json = await this.client.hget(this.key('rooms'), name);
        return json === null ? undefined : toRoom(json);
      });
    }

    createRoom(room: RoomRecord): Promise<boolean> {
      return this.use(async () => {
        const { name, visibility, owner, createdAt } = room;
        const json = JSON.stringify({ name, visibility, owner, createdAt } satisfies RoomRecord);
        return (await this.client.hsetnx(this.key('rooms'), name, json)) === 1;
      });
    }

    /** Rooms are never removed, so reading the record and writing it back changes only its topic. */
    setTopic(name: string, topic: RoomTopic | null): Promise<boolean> {
      return this.use(async () => {
        const json = await this.client.hget(this.key('rooms'), name);
        if (json === null) return false;
        const { topic: _old, ...room } = toRoom(json);
        await this.client.hset(this.key('rooms'), name, JSON.stringify(topic === null ? room : { ...room, topic }));
        return true;
      });
    }

    listRooms(): Promise<RoomRecord[]> {
      return this.use(async () =>
        (await this.client.hvals(this.key('rooms'))).map(toRoom).sort((a, b) => compareStrings(a.name, b.name)),
      );
    }

    addMember(membership: MembershipRecord): Promise<void> {
      return this.use(async () => {
        const { room, nick, sinceId } = membership;
        const key = nickKey(nick);
        // HSETNX on both: an existing member keeps the original sinceId in each.
        const results = await this.client
          .multi()
          .hsetnx(this.key('memberships'), membershipField(room, key), JSON.stringify({ room, nick, sinceId }))
          .hsetnx(this.key(`rooms-of:${key}`), room, String(sinceId))
          .exec();
        execReplies(results, 'addMember');
      });
    }

    removeMember(room: string, nick: string): Promise<void> {
      return this.use(async () => {
        const key = nickKey(nick);
        const results = await this.client
          .multi()
          .hdel(this.key('memberships'), membershipField(room, key))
          .hdel(this.key(`rooms-of:${key}`), room)
          .exec();
        execReplies(results, 'removeMember');
      });
    }

    listMemberships(): Promise<MembershipRecord[]> {
      // Same order as the other stores: by room, then nick.
      return this.use(async () =>
        (await this.client.hvals(this.key('memberships')))
          .map(toMembership)
          .sort((a, b) => compareStrings(a.room, b.room) || compareStrings(nickKey(a.nick), nickKey(b.nick))),
      );
    }
  };
}

/** JSON, so that no room name or nick can run into the other. */
function membershipField(room: string, key: string): string {
  return JSON.stringify([room, key]);
}

function toRoom(json: string): RoomRecord {
  const room = JSON.parse(json) as RoomRecord;
  const record: RoomRecord = { name: room.name, visibility: room.visibility, owner: room.owner, createdAt: room.createdAt };
  if (room.topic) record.topic = { text: room.topic.text, by: room.topic.by, at: room.topic.at };
  return record;
}

function toMembership(json: string): MembershipRecord {
  const membership = JSON.parse(json) as MembershipRecord;
  return { room: membership.room, nick: membership.nick, sinceId: membership.sinceId };
}
