import type { Constructor } from '../mixin.js';
import type { UserRecord } from '../records.js';
import type { ReadStateUpdate, UserStore } from '../user-store.js';
import { nickKey } from '../collation.js';
import { nickSkeleton } from '../nick-skeleton.js';
import type { MemoryTables } from './memory-tables.js';

/** MemoryStore's accounts. */
export function memoryUsers<Base extends Constructor<MemoryTables>>(base: Base) {
  return class MemoryUsers extends base implements UserStore {
    getUser(nick: string): Promise<UserRecord | undefined> {
      return this.use(() => {
        const user = this.users.get(nickKey(nick));
        return user && { ...user };
      });
    }

    createUser(user: UserRecord): Promise<boolean> {
      return this.use(() => {
        const key = nickKey(user.nick);
        if (this.users.has(key)) return false;
        this.users.set(key, { ...user });
        return true;
      });
    }

    updateReadStates(updates: readonly ReadStateUpdate[]): Promise<void> {
      return this.use(() => {
        for (const { nick, readCursor, lastSeenAt } of updates) {
          const user = this.users.get(nickKey(nick));
          if (!user) continue;
          user.readCursor = Math.max(user.readCursor, readCursor);
          // A null lastSeenAt leaves the recorded one alone.
          if (lastSeenAt !== null) user.lastSeenAt = lastSeenAt;
        }
      });
    }

    takeExpiredUnread(nick: string): Promise<number> {
      return this.use(() => {
        const key = nickKey(nick);
        const count = this.expiredUnread.get(key) ?? 0;
        this.expiredUnread.delete(key);
        return count;
      });
    }

    countUsers(): Promise<number> {
      return this.use(() => this.users.size);
    }

    lookAlike(nick: string): Promise<string | undefined> {
      return this.use(() => {
        const skeleton = nickSkeleton(nick);
        const key = nickKey(nick);
        for (const [other, user] of this.users) if (other !== key && nickSkeleton(other) === skeleton) return user.nick;
        return undefined;
      });
    }
  };
}
