import type { Redis } from 'ioredis';
import type { ChatStore } from '../chat-store.js';
import { DEFAULT_KEY_PREFIX, closeRedis, connectRedis, describeRedisUrl, type RedisConnectOptions } from './redis-connect.js';
import { RedisCore } from './redis-core.js';
import { EpochGuard, establishEpoch, type EpochOptions } from './redis-epoch.js';
import { redisFiles } from './redis-files.js';
import { redisKeys } from './redis-keys.js';
import { redisMessages } from './redis-messages.js';
import { redisModeration } from './redis-moderation.js';
import { checkPersistence } from './redis-persistence.js';
import { redisPrivateRooms } from './redis-private-rooms.js';
import { redisProfiles } from './redis-profiles.js';
import { redisRooms } from './redis-rooms.js';
import { redisSchedule } from './redis-schedule.js';
import { defineScripts } from './redis-scripts.js';
import { redisUsers } from './redis-users.js';

/*
 * Key layout. Every key starts with the prefix (default `chat-line:`); <nk> is a nick
 * folded by nickKey (ASCII case only), so lookups are case-insensitive while values keep
 * the nick as given.
 *
 *   users                  SET     nick keys of registered users (countUsers = SCARD)
 *   user:<nk>              HASH    nick, passwordHash, createdAt, readCursor, lastSeenAt?
 *   rooms                  HASH    room name -> RoomRecord JSON
 *   memberships            HASH    JSON [room, nk] -> MembershipRecord JSON (listMemberships)
 *   rooms-of:<nk>          HASH    room -> sinceId (unreadFor starts from it)
 *   last-message-id        STRING  highest message id ever handed out (INCRBY batch size)
 *   message-count          STRING  messages stored now
 *   sent-counts            HASH    nk -> messages the user ever sent (counted by the append script)
 *   msg:<id>               HASH    kind, from, text, createdAt, room?, to?, parentId?, quote?, deliveredAt?, editedAt?, words?
 *   room:<room>            ZSET    ids of the room's messages (score = id)
 *   private:<nk>           ZSET    ids of private messages to or from the user (score = id)
 *   dm:<nk> <nk>           ZSET    ids of private messages from the first user to the second (score = id)
 *   thread:<rootId>        ZSET    ids of the comments on a root (score = id)
 *   words:r:<room>:<word>  SET     ids of the room's messages with this search word (lib/store/search-words.ts)
 *   words:p:<nk>:<word>    SET     ids of the user's private messages (to or from them) with this search word
 *   room-created           ZSET    room message ids by createdAt (expiry)
 *   private-delivered      ZSET    delivered private message ids by deliveredAt (expiry)
 *   reports:<nk>           HASH    reporter's nk -> JSON [seq, ReportRecord]
 *   bans                   HASH    nk -> BanRecord JSON
 *   counter:<windowStart>  HASH    counter key -> count
 *   counter-windows        ZSET    window starts that have counters (score = windowStart)
 *   scheduled-last-id      STRING  highest scheduled id ever handed out
 *   scheduled              HASH    id -> scheduled message JSON (without its id)
 *   invitations:<room>     HASH    nk -> InvitationRecord JSON
 *   join-link:<hash>       STRING  JoinLinkRecord JSON, by the token's SHA-256
 *   join-links:<room>      SET     token hashes of the room's links (/unlink)
 *   join-requests:<room>   HASH    nk -> JSON [seq, JoinRequestRecord]
 *   join-request-seq       STRING  order of requests made at the same moment
 *   file:<id>              STRING  FileRecord JSON
 *   files-of:<messageId>   SET     ids of the files a message announced (expiry)
 *   ignores:<nk>           HASH    ignored nick's nk -> the ignored nick as given
 *   prefs:<nk>             HASH    preference key -> value
 *   mutes                  HASH    nk -> MuteRecord JSON
 *   settings               HASH    setting key -> value
 *   ssh-key:<fingerprint>  STRING  PublicKeyRecord JSON
 *   ssh-keys:<nk>          ZSET    fingerprints of the user's keys (score = addedAt)
 *   epoch                  STRING  random, written into an empty store: a store without it lost its data (redis-epoch.ts)
 *
 * A field left out of a hash is null. Everything that must change several keys together,
 * or read-then-write, is one Lua script (redis-scripts.ts) or one MULTI: every call is one
 * round trip. KEYS is never used.
 */

export interface RedisStoreOptions extends RedisConnectOptions, Omit<EpochOptions, 'logger'> {
  /** Prepended to every key, so that several chats (or test runs) can share one Redis. */
  keyPrefix?: string;
}

export { DEFAULT_KEY_PREFIX };

/**
 * ChatStore on Redis (ioredis), shared by every server process of a cluster: ids, counters
 * and takes are atomic in Redis, so any number of processes can use one store at once.
 * Each area's methods are in their own file (redis-*.ts), over redis-core.ts.
 */
export class RedisStore
  extends redisUsers(redisRooms(redisMessages(redisModeration(redisSchedule(redisPrivateRooms(redisFiles(redisProfiles(redisKeys(RedisCore)))))))))
  implements ChatStore
{
  /**
   * Connects (failing within the connect timeout, naming the URL, if Redis can't be
   * reached), says in the log how Redis persists, and settles the store's epoch: fails,
   * naming the flag that accepts it, if the store lost the data this server ran on.
   */
  static async connect(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
    const client = await connectRedis(url, 'store', options);
    defineScripts(client);
    const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    const location = describeRedisUrl(url);
    try {
      await checkPersistence(client, location, options.logger);
      const epoch = await establishEpoch(client, prefix, location, options);
      return new RedisStore(client, prefix, location, new EpochGuard(client, prefix, epoch, location));
    } catch (error) {
      await closeRedis(client);
      throw error;
    }
  }

  private constructor(client: Redis, prefix: string, location: string, guard: EpochGuard) {
    super(client, prefix, location, guard);
  }
}
