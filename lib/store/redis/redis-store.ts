import type { Redis } from 'ioredis';
import type { ChatStore, UnreadPage } from '../chat-store.js';
import type { MuteRecord } from '../profile-store.js';
import {
  appendArgs,
  asArray,
  asCount,
  asInteger,
  asString,
  assertWellFormed,
  execReplies,
  nickKey,
  toMessage,
  toMessages,
  toUser,
  userFields,
} from './redis-codec.js';
import {
  DEFAULT_KEY_PREFIX,
  closeRedis,
  connectRedis,
  describeRedisUrl,
  type RedisConnectOptions,
} from './redis-connect.js';
import { EpochGuard, establishEpoch, type EpochOptions } from './redis-epoch.js';
import { checkPersistence } from './redis-persistence.js';
import { defineScripts } from './redis-scripts.js';
import type { StoreHealth } from '../store-health.js';
import { copyMessage } from '../records.js';
import { nickSkeleton } from '../nick-skeleton.js';
import type {
  BanRecord,
  FileRecord,
  InvitationRecord,
  JoinLinkRecord,
  JoinRequestRecord,
  MembershipRecord,
  MessageRecord,
  NewMessage,
  NewScheduledMessage,
  ReportRecord,
  RoomRecord,
  ScheduledMessageRecord,
  UserRecord,
} from '../records.js';

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
 *   msg:<id>               HASH    kind, from, text, createdAt, room?, to?, parentId?, quote?, deliveredAt?
 *   room:<room>            ZSET    ids of the room's messages (score = id)
 *   private:<nk>           ZSET    ids of private messages to or from the user (score = id)
 *   thread:<rootId>        ZSET    ids of the comments on a root (score = id)
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
 */
export class RedisStore implements ChatStore {
  readonly kind = 'redis';
  private closed = false;

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

  private constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    /** The URL (password hidden), for error messages. */
    readonly location: string,
    private readonly guard: EpochGuard,
  ) {}

  /** Whether Redis still holds what it held when this server started; once lost, every call fails with StoreResetError. */
  get health(): StoreHealth {
    return this.guard.health;
  }

  getUser(nick: string): Promise<UserRecord | undefined> {
    return this.use(async () => toUser(await this.client.hgetall(this.key(`user:${nickKey(nick)}`))));
  }

  createUser(user: UserRecord): Promise<boolean> {
    return this.use(async () => {
      const reply = await this.client.chatLineCreateUser(this.prefix, this.guard.epoch, nickKey(user.nick), ...userFields(user));
      return asInteger(reply, 'createUser') === 1;
    });
  }

  updateReadState(nick: string, readCursor: number, lastSeenAt: number | null): Promise<void> {
    return this.use(async () => {
      // '' leaves the recorded last-seen time alone.
      const seen = lastSeenAt === null ? '' : String(lastSeenAt);
      await this.client.chatLineUpdateReadState(this.prefix, nickKey(nick), String(readCursor), seen);
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

  // ---- passwords, ignore lists, preferences, mutes, settings ------------------------

  setPasswordHash(nick: string, passwordHash: string): Promise<boolean> {
    return this.use(async () => {
      const key = this.key(`user:${nickKey(nick)}`);
      // Check, then set: users are never deleted, so one that exists stays.
      if ((await this.client.hexists(key, 'passwordHash')) === 0) return false;
      await this.client.hset(key, 'passwordHash', passwordHash);
      return true;
    });
  }

  listIgnores(nick: string): Promise<string[]> {
    // Same order as the other stores: by folded nick.
    return this.use(async () =>
      Object.entries(await this.client.hgetall(this.key(`ignores:${nickKey(nick)}`)))
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([, given]) => given),
    );
  }

  addIgnore(nick: string, ignored: string): Promise<boolean> {
    return this.use(async () => (await this.client.hsetnx(this.key(`ignores:${nickKey(nick)}`), nickKey(ignored), ignored)) === 1);
  }

  removeIgnore(nick: string, ignored: string): Promise<boolean> {
    return this.use(async () => (await this.client.hdel(this.key(`ignores:${nickKey(nick)}`), nickKey(ignored))) === 1);
  }

  getPreference(nick: string, key: string): Promise<string | undefined> {
    return this.use(async () => (await this.client.hget(this.key(`prefs:${nickKey(nick)}`), key)) ?? undefined);
  }

  setPreference(nick: string, key: string, value: string): Promise<void> {
    return this.use(async () => {
      await this.client.hset(this.key(`prefs:${nickKey(nick)}`), key, value);
    });
  }

  listMutes(): Promise<MuteRecord[]> {
    return this.use(async () =>
      (await this.jsonByNick<MuteRecord>('mutes')).map(({ nick, until, by, createdAt }) => ({ nick, until, by, createdAt })),
    );
  }

  saveMute(mute: MuteRecord): Promise<void> {
    return this.use(async () => {
      // A new mute replaces the old one whole, the nick's display form included.
      const { nick, until, by, createdAt } = mute;
      await this.client.hset(this.key('mutes'), nickKey(nick), JSON.stringify({ nick, until, by, createdAt } satisfies MuteRecord));
    });
  }

  deleteMute(nick: string): Promise<boolean> {
    return this.use(async () => (await this.client.hdel(this.key('mutes'), nickKey(nick))) === 1);
  }

  getSetting(key: string): Promise<string | undefined> {
    return this.use(async () => (await this.client.hget(this.key('settings'), key)) ?? undefined);
  }

  setSetting(key: string, value: string | null): Promise<void> {
    return this.use(async () => {
      if (value === null) await this.client.hdel(this.key('settings'), key);
      else await this.client.hset(this.key('settings'), key, value);
    });
  }

  setSettingIfAbsent(key: string, value: string): Promise<string> {
    return this.use(async () => {
      // HSETNX then HGET in one MULTI: every server reads the value that won.
      const replies = await this.client.multi().hsetnx(this.key('settings'), key, value).hget(this.key('settings'), key).exec();
      const stored = replies?.[1]?.[1];
      if (typeof stored !== 'string') throw new Error(`setSettingIfAbsent: unexpected reply ${JSON.stringify(replies)}`);
      return stored;
    });
  }

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

  appendMessages(batch: readonly NewMessage[]): Promise<MessageRecord[]> {
    return this.use(async () => {
      // All or nothing: the whole batch is checked before anything is sent.
      batch.forEach(assertWellFormed);
      if (batch.length === 0) return [];
      // One script for the whole batch: ids, hashes and every index in one round trip.
      const { epoch, floor } = this.guard;
      const reply = await this.client.chatLineAppend(this.prefix, epoch, floor, batch.length, ...batch.flatMap(appendArgs));
      const first = asInteger(reply, 'appendMessages');
      this.guard.saw(first + batch.length - 1);
      return batch.map((message, i) => copyMessage(message, first + i));
    });
  }

  roomHistory(room: string, limit: number, beforeId?: number): Promise<MessageRecord[]> {
    return this.use(async () => {
      const take = Math.max(0, limit);
      if (take === 0) return [];
      const max = beforeId === undefined ? '+inf' : `(${beforeId}`;
      return toMessages(await this.client.chatLineRoomHistory(this.prefix, room, max, take)).reverse();
    });
  }

  unreadFor(nick: string, afterId: number, limit: number): Promise<UnreadPage> {
    return this.use(async () => {
      const reply = await this.client.chatLineUnread(this.prefix, nickKey(nick), afterId, Math.max(0, limit));
      const [total, rows] = asArray(reply, 'unreadFor');
      return { messages: toMessages(rows).reverse(), total: asInteger(total, 'unreadFor total') };
    });
  }

  getMessage(id: number): Promise<MessageRecord | undefined> {
    return this.use(async () => toMessage(await this.client.hgetall(this.key(`msg:${id}`)), id));
  }

  countSent(nick: string): Promise<number> {
    return this.use(async () => asCount(await this.client.hget(this.key('sent-counts'), nickKey(nick)), 'countSent'));
  }

  lastMessageId(): Promise<number> {
    return this.use(async () => {
      const last = asCount(await this.client.get(this.key('last-message-id')), 'lastMessageId');
      this.guard.saw(last);
      return last;
    });
  }

  countMessages(): Promise<number> {
    return this.use(async () => asCount(await this.client.get(this.key('message-count')), 'countMessages'));
  }

  threadOf(rootId: number): Promise<MessageRecord[]> {
    return this.use(async () => toMessages(await this.client.chatLineThread(this.prefix, rootId)));
  }

  markDelivered(entries: readonly { id: number; at: number }[]): Promise<void> {
    return this.use(async () => {
      if (entries.length === 0) return;
      await this.client.chatLineMarkDelivered(this.prefix, ...entries.flatMap(({ id, at }) => [id, at]));
    });
  }

  deleteExpired(roomBefore: number, privateBefore: number): Promise<number[]> {
    return this.use(async () => {
      const reply = await this.client.chatLineDeleteExpired(this.prefix, roomBefore, privateBefore);
      return asArray(reply, 'deleteExpired')
        .map((id) => asInteger(id, 'a deleted id'))
        .sort((a, b) => a - b);
    });
  }

  // ---- reports and bans -----------------------------------------------------------

  addReport(report: ReportRecord): Promise<boolean> {
    return this.use(async () => {
      const json = JSON.stringify({ target: report.target, reporter: report.reporter, at: report.at });
      const reply = await this.client.chatLineAddReport(this.prefix, nickKey(report.target), nickKey(report.reporter), json);
      return asInteger(reply, 'addReport') === 1;
    });
  }

  listReports(target: string): Promise<ReportRecord[]> {
    return this.use(() => this.reportsAt(this.key(`reports:${nickKey(target)}`)));
  }

  listAllReports(): Promise<ReportRecord[]> {
    return this.use(async () => {
      // An operator's command, rare: a SCAN of the report keys needs no index to keep up to date.
      const keys = new Set<string>();
      const scan = this.client.scanStream({ match: `${escapeGlob(this.key('reports:'))}*`, count: 500 });
      for await (const batch of scan as AsyncIterable<string[]>) for (const key of batch) keys.add(key);
      // The keys end in the target's nickKey, so their order is the targets' order in any case.
      const lists = await Promise.all([...keys].sort(compareStrings).map((key) => this.reportsAt(key)));
      return lists.flat();
    });
  }

  /** The reports in one `reports:<nk>` hash: oldest first; filed at the same moment, in the order filed. */
  private async reportsAt(key: string): Promise<ReportRecord[]> {
    return (await this.client.hvals(key))
      .map((json) => JSON.parse(json) as [number, ReportRecord])
      .sort(([seqA, a], [seqB, b]) => a.at - b.at || seqA - seqB)
      .map(([, r]) => ({ target: r.target, reporter: r.reporter, at: r.at }));
  }

  clearReports(target: string): Promise<void> {
    return this.use(async () => {
      await this.client.del(this.key(`reports:${nickKey(target)}`));
    });
  }

  setBan(ban: BanRecord): Promise<void> {
    return this.use(async () => {
      // A new ban replaces the old one whole, the nick's display form included.
      await this.client.hset(this.key('bans'), nickKey(ban.nick), JSON.stringify({ nick: ban.nick, until: ban.until }));
    });
  }

  clearBan(nick: string): Promise<void> {
    return this.use(async () => {
      await this.client.hdel(this.key('bans'), nickKey(nick));
    });
  }

  listBans(): Promise<BanRecord[]> {
    return this.use(async () => (await this.jsonByNick<BanRecord>('bans')).map(({ nick, until }) => ({ nick, until })));
  }

  // ---- counters -------------------------------------------------------------------

  incrementCounter(key: string, windowStart: number): Promise<number> {
    return this.use(async () => {
      // HINCRBY is atomic whoever else increments; the window is indexed for deleteCountersBefore.
      const results = await this.client
        .multi()
        .hincrby(this.key(`counter:${windowStart}`), key, 1)
        .zadd(this.key('counter-windows'), windowStart, String(windowStart))
        .exec();
      return asInteger(execReplies(results, 'incrementCounter')[0], 'incrementCounter');
    });
  }

  getCounter(key: string, windowStart: number): Promise<number> {
    return this.use(async () => asCount(await this.client.hget(this.key(`counter:${windowStart}`), key), 'getCounter'));
  }

  deleteCountersBefore(windowStart: number): Promise<void> {
    return this.use(async () => {
      await this.client.chatLineDeleteCountersBefore(this.prefix, windowStart);
    });
  }

  // ---- scheduled messages ---------------------------------------------------------

  addScheduled(message: NewScheduledMessage): Promise<ScheduledMessageRecord> {
    return this.use(async () => {
      const fields: NewScheduledMessage = {
        author: message.author,
        route: message.route,
        target: message.target,
        text: message.text,
        dueAt: message.dueAt,
        createdAt: message.createdAt,
      };
      const id = asInteger(await this.client.chatLineAddScheduled(this.prefix, JSON.stringify(fields)), 'addScheduled');
      return { id, ...fields };
    });
  }

  listScheduled(author?: string): Promise<ScheduledMessageRecord[]> {
    return this.use(async () => {
      const key = author === undefined ? undefined : nickKey(author);
      // Pending messages are few (each user's handful): one HGETALL, filtered and sorted here.
      return Object.entries(await this.client.hgetall(this.key('scheduled')))
        .map(([id, json]) => toScheduled(Number(id), json))
        .filter((message) => key === undefined || nickKey(message.author) === key)
        .sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
    });
  }

  takeScheduled(id: number): Promise<ScheduledMessageRecord | undefined> {
    return this.use(async () => {
      const key = this.key('scheduled');
      // One transaction: of two takes of the same id, only the one whose HDEL removed it wins.
      const results = await this.client.multi().hget(key, String(id)).hdel(key, String(id)).exec();
      const [json, removed] = execReplies(results, 'takeScheduled');
      return removed === 1 ? toScheduled(id, asString(json, 'a scheduled message')) : undefined;
    });
  }

  // ---- private rooms --------------------------------------------------------------

  addInvitation(invitation: InvitationRecord): Promise<void> {
    return this.use(async () => {
      const { room, nick, invitedBy, createdAt } = invitation;
      await this.client.hsetnx(this.key(`invitations:${room}`), nickKey(nick), JSON.stringify({ room, nick, invitedBy, createdAt }));
    });
  }

  getInvitation(room: string, nick: string): Promise<InvitationRecord | undefined> {
    return this.use(async () => parsed(await this.client.hget(this.key(`invitations:${room}`), nickKey(nick))) as InvitationRecord | undefined);
  }

  removeInvitation(room: string, nick: string): Promise<boolean> {
    return this.use(async () => (await this.client.hdel(this.key(`invitations:${room}`), nickKey(nick))) === 1);
  }

  addJoinLink(link: JoinLinkRecord): Promise<void> {
    return this.use(async () => {
      const { tokenHash, room, createdBy, createdAt, expiresAt } = link;
      const json = JSON.stringify({ tokenHash, room, createdBy, createdAt, expiresAt });
      execReplies(
        await this.client.multi().set(this.key(`join-link:${tokenHash}`), json, 'NX').sadd(this.key(`join-links:${room}`), tokenHash).exec(),
        'addJoinLink',
      );
    });
  }

  getJoinLink(tokenHash: string): Promise<JoinLinkRecord | undefined> {
    return this.use(async () => parsed(await this.client.get(this.key(`join-link:${tokenHash}`))) as JoinLinkRecord | undefined);
  }

  removeJoinLinks(room: string): Promise<number> {
    return this.use(async () => {
      const hashes = await this.client.smembers(this.key(`join-links:${room}`));
      if (hashes.length === 0) return 0;
      const replies = execReplies(
        await this.client
          .multi()
          .del(...hashes.map((hash) => this.key(`join-link:${hash}`)))
          .srem(this.key(`join-links:${room}`), ...hashes)
          .exec(),
        'removeJoinLinks',
      );
      return asInteger(replies[0], 'removeJoinLinks');
    });
  }

  addJoinRequest(request: JoinRequestRecord): Promise<boolean> {
    return this.use(async () => {
      const seq = await this.client.incr(this.key('join-request-seq'));
      const { room, nick, createdAt } = request;
      const json = JSON.stringify([seq, { room, nick, createdAt }]);
      return (await this.client.hsetnx(this.key(`join-requests:${room}`), nickKey(nick), json)) === 1;
    });
  }

  removeJoinRequest(room: string, nick: string): Promise<boolean> {
    return this.use(async () => (await this.client.hdel(this.key(`join-requests:${room}`), nickKey(nick))) === 1);
  }

  listJoinRequests(room: string): Promise<JoinRequestRecord[]> {
    // Oldest first; made at the same moment, in the order made.
    return this.use(async () =>
      (await this.client.hvals(this.key(`join-requests:${room}`)))
        .map((json) => JSON.parse(json) as [number, JoinRequestRecord])
        .sort(([seqA, a], [seqB, b]) => a.createdAt - b.createdAt || seqA - seqB)
        .map(([, r]) => ({ room: r.room, nick: r.nick, createdAt: r.createdAt })),
    );
  }

  // ---- files ----------------------------------------------------------------------

  addFile(file: FileRecord): Promise<void> {
    return this.use(async () => {
      const { id, messageId, name, size, from, createdAt } = file;
      const json = JSON.stringify({ id, messageId, name, size, from, createdAt });
      if ((await this.client.set(this.key(`file:${id}`), json, 'NX')) === null) throw new Error(`file id ${id} is taken`);
      await this.client.sadd(this.key(`files-of:${messageId}`), id);
    });
  }

  getFile(id: string): Promise<FileRecord | undefined> {
    return this.use(async () => parsed(await this.client.get(this.key(`file:${id}`))) as FileRecord | undefined);
  }

  removeFilesOf(messageIds: readonly number[]): Promise<string[]> {
    return this.use(async () => {
      const removed: string[] = [];
      for (const messageId of messageIds) {
        const setKey = this.key(`files-of:${messageId}`);
        const ids = await this.client.smembers(setKey);
        if (ids.length === 0) continue;
        execReplies(await this.client.multi().del(...ids.map((id) => this.key(`file:${id}`)), setKey).exec(), 'removeFilesOf');
        removed.push(...ids);
      }
      return removed;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await closeRedis(this.client);
  }

  private key(name: string): string {
    return this.prefix + name;
  }

  /** The JSON values of a hash keyed by folded nick (bans, mutes), in the other stores' order: by folded nick. */
  private async jsonByNick<T>(name: string): Promise<T[]> {
    return Object.entries(await this.client.hgetall(this.key(name)))
      .sort(([a], [b]) => compareStrings(a, b))
      .map(([, json]) => JSON.parse(json) as T);
  }

  /** Runs `work` unless closed or lost; everything else fails as Redis reports it (a STORE_RESET refusal as StoreResetError). */
  private use<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`chat-line store ${this.location} is closed`));
    // A synchronous throw (a malformed batch, a lost store) becomes a rejection too.
    return Promise.resolve()
      .then(() => {
        this.guard.health.assertUsable();
        return work();
      })
      .catch((error: unknown) => Promise.reject(this.guard.translate(error)));
  }
}

/** A record stored as JSON (callers say which), or undefined for a missing key or field. */
function parsed(json: string | null): unknown {
  return json === null ? undefined : JSON.parse(json);
}

/** JSON, so that no room name or nick can run into the other. */
function membershipField(room: string, key: string): string {
  return JSON.stringify([room, key]);
}

function toRoom(json: string): RoomRecord {
  const room = JSON.parse(json) as RoomRecord;
  return { name: room.name, visibility: room.visibility, owner: room.owner, createdAt: room.createdAt };
}

function toMembership(json: string): MembershipRecord {
  const membership = JSON.parse(json) as MembershipRecord;
  return { room: membership.room, nick: membership.nick, sinceId: membership.sinceId };
}

function toScheduled(id: number, json: string): ScheduledMessageRecord {
  const message = JSON.parse(json) as NewScheduledMessage;
  return {
    id,
    author: message.author,
    route: message.route,
    target: message.target,
    text: message.text,
    dueAt: message.dueAt,
    createdAt: message.createdAt,
  };
}

/** `text` as a SCAN pattern that matches exactly it: a key prefix may hold glob characters. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** Code-unit order, as SQLite's default BINARY collation (not localeCompare). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
