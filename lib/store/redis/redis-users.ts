import type { Constructor } from '../mixin.js';
import type { UserRecord } from '../records.js';
import type { ReadStateUpdate, UserStore } from '../user-store.js';
import { nickKey } from '../collation.js';
import { nickSkeleton } from '../nick-skeleton.js';
import { asInteger, toUser, userFields } from './redis-codec.js';
import type { RedisCore } from './redis-core.js';

/** RedisStore's accounts: the `users` set and a `user:<nk>` hash each. */
export function redisUsers<Base extends Constructor<RedisCore>>(base: Base) {
  return class RedisUsers extends base implements UserStore {
    getUser(nick: string): Promise<UserRecord | undefined> {
      return this.use(async () => toUser(await this.client.hgetall(this.key(`user:${nickKey(nick)}`))));
    }

    createUser(user: UserRecord): Promise<boolean> {
      return this.use(async () => {
        const reply = await this.client.chatLineCreateUser(this.prefix, this.guard.epoch, nickKey(user.nick), ...userFields(user));
        return asInteger(reply, 'createUser') === 1;
      });
    }

    updateReadStates(updates: readonly ReadStateUpdate[]): Promise<void> {
      return this.use(async () => {
        // Sent together, answered together: one round trip for all.
        await Promise.all(
          updates.map(({ nick, readCursor, lastSeenAt }) =>
            // '' leaves the recorded last-seen time alone.
            this.client.chatLineUpdateReadState(this.prefix, nickKey(nick), String(readCursor), lastSeenAt === null ? '' : String(lastSeenAt)),
          ),
        );
      });
    }

    takeExpiredUnread(nick: string): Promise<number> {
      return this.use(async () => {
        const key = this.key(`user:${nickKey(nick)}`);
        // Read and clear at once: a sweep in between would otherwise be lost or told twice.
        const replies = await this.client.multi().hget(key, 'expiredUnread').hdel(key, 'expiredUnread').exec();
        const [error, count] = replies?.[0] ?? [null, null];
        if (error) throw error;
        return typeof count === 'string' ? Number(count) : 0;
      });
    }

    countUsers(): Promise<number> {
      return this.use(() => this.client.scard(this.key('users')));
    }

    lookAlike(nick: string): Promise<string | undefined> {
      return this.use(async () => {
        // Asked only when a nick is registered, which costs a password hash anyway: a scan
        // of the nick keys is cheaper than keeping an index of skeletons in step.
        const skeleton = nickSkeleton(nick);
        const key = nickKey(nick);
        const twin = (await this.client.smembers(this.key('users'))).find((other) => other !== key && nickSkeleton(other) === skeleton);
        return twin === undefined ? undefined : ((await this.client.hget(this.key(`user:${twin}`), 'nick')) ?? twin);
      });
    }
  };
}
