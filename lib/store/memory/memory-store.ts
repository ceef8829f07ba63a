import type { ChatStore, UnreadPage } from '../chat-store.js';
import type { MuteRecord } from '../profile-store.js';
import { appendTo, lowerBound, removeIds, upperBound } from './sorted-ids.js';
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

/**
 * ChatStore in plain maps, for tests and throwaway servers; held to the same contract suite
 * as SqliteStore. Records are copied in and out, so callers can't change what is stored
 * behind its back (as with a database).
 */
export class MemoryStore implements ChatStore {
  readonly kind = 'memory';
  /** By nickKey; the record keeps the display nick. */
  private readonly users = new Map<string, UserRecord>();
  private readonly rooms = new Map<string, RoomRecord>();
  /** nickKey -> room -> membership: unreadFor starts from a user's rooms. */
  private readonly memberships = new Map<string, Map<string, MembershipRecord>>();
  /** By id, in id order (insertion order of the map). */
  private readonly messages = new Map<number, MessageRecord>();
  /** The highest message id ever handed out: ids of deleted messages are not used again. */
  private lastId = 0;
  /** Room -> ids of its messages, ascending, so history and unread are binary searches. */
  private readonly roomMessageIds = new Map<string, number[]>();
  /** nickKey -> ids of private messages to or from them, ascending. */
  private readonly privateMessageIds = new Map<string, number[]>();
  /** Root id -> ids of its comments, ascending. */
  private readonly commentIds = new Map<number, number[]>();
  /** nickKey of the target -> nickKey of the reporter -> report, in the order filed. */
  private readonly reports = new Map<string, Map<string, ReportRecord>>();
  /** nickKey -> messages they ever sent (expiry does not lower it). */
  private readonly sent = new Map<string, number>();
  /** By nickKey; the record keeps the nick as given. */
  private readonly bans = new Map<string, BanRecord>();
  /** Window start -> key -> count: deleteCountersBefore drops whole windows. */
  private readonly counters = new Map<number, Map<string, number>>();
  private readonly scheduled = new Map<number, ScheduledMessageRecord>();
  /** As lastId: a taken scheduled id is never handed out again. */
  private lastScheduledId = 0;
  /** By roomNickKey. */
  private readonly invitations = new Map<string, InvitationRecord>();
  /** By token hash. */
  private readonly joinLinks = new Map<string, JoinLinkRecord>();
  /** By roomNickKey; a Map keeps insertion order, which is the "oldest first" of listJoinRequests. */
  private readonly joinRequests = new Map<string, JoinRequestRecord>();
  private readonly files = new Map<string, FileRecord>();
  /** nickKey -> nickKey of the ignored -> the ignored nick as given. */
  private readonly ignores = new Map<string, Map<string, string>>();
  /** nickKey -> preference key -> value. */
  private readonly preferences = new Map<string, Map<string, string>>();
  /** By nickKey. */
  private readonly mutes = new Map<string, MuteRecord>();
  private readonly settings = new Map<string, string>();
  private closed = false;

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

  updateReadState(nick: string, readCursor: number, lastSeenAt: number | null): Promise<void> {
    return this.use(() => {
      const user = this.users.get(nickKey(nick));
      if (!user) return;
      user.readCursor = Math.max(user.readCursor, readCursor);
      // A null lastSeenAt leaves the recorded one alone.
      if (lastSeenAt !== null) user.lastSeenAt = lastSeenAt;
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

  setPasswordHash(nick: string, passwordHash: string): Promise<boolean> {
    return this.use(() => {
      const user = this.users.get(nickKey(nick));
      if (user) user.passwordHash = passwordHash;
      return user !== undefined;
    });
  }

  listIgnores(nick: string): Promise<string[]> {
    return this.use(() =>
      [...(this.ignores.get(nickKey(nick))?.entries() ?? [])].sort(([a], [b]) => compareStrings(a, b)).map(([, given]) => given),
    );
  }

  addIgnore(nick: string, ignored: string): Promise<boolean> {
    return this.use(() => {
      const list = entryOf(this.ignores, nickKey(nick));
      if (list.has(nickKey(ignored))) return false;
      list.set(nickKey(ignored), ignored);
      return true;
    });
  }

  removeIgnore(nick: string, ignored: string): Promise<boolean> {
    return this.use(() => this.ignores.get(nickKey(nick))?.delete(nickKey(ignored)) ?? false);
  }

  getPreference(nick: string, key: string): Promise<string | undefined> {
    return this.use(() => this.preferences.get(nickKey(nick))?.get(key));
  }

  setPreference(nick: string, key: string, value: string): Promise<void> {
    return this.use(() => {
      entryOf(this.preferences, nickKey(nick)).set(key, value);
    });
  }

  listMutes(): Promise<MuteRecord[]> {
    return this.use(() => [...this.mutes.values()].map((mute) => ({ ...mute })));
  }

  saveMute(mute: MuteRecord): Promise<void> {
    return this.use(() => {
      this.mutes.set(nickKey(mute.nick), { ...mute });
    });
  }

  deleteMute(nick: string): Promise<boolean> {
    return this.use(() => this.mutes.delete(nickKey(nick)));
  }

  getSetting(key: string): Promise<string | undefined> {
    return this.use(() => this.settings.get(key));
  }

  setSetting(key: string, value: string | null): Promise<void> {
    return this.use(() => {
      if (value === null) this.settings.delete(key);
      else this.settings.set(key, value);
    });
  }

  setSettingIfAbsent(key: string, value: string): Promise<string> {
    return this.use(() => {
      const stored = this.settings.get(key) ?? value;
      this.settings.set(key, stored);
      return stored;
    });
  }

  getRoom(name: string): Promise<RoomRecord | undefined> {
    return this.use(() => {
      const room = this.rooms.get(name);
      return room && { ...room };
    });
  }

  createRoom(room: RoomRecord): Promise<boolean> {
    return this.use(() => {
      if (this.rooms.has(room.name)) return false;
      this.rooms.set(room.name, { ...room });
      return true;
    });
  }

  listRooms(): Promise<RoomRecord[]> {
    return this.use(() =>
      [...this.rooms.values()].map((room) => ({ ...room })).sort((a, b) => compareStrings(a.name, b.name)),
    );
  }

  addMember(membership: MembershipRecord): Promise<void> {
    return this.use(() => {
      const key = nickKey(membership.nick);
      let rooms = this.memberships.get(key);
      if (!rooms) {
        rooms = new Map();
        this.memberships.set(key, rooms);
      }
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

  appendMessages(batch: readonly NewMessage[]): Promise<MessageRecord[]> {
    return this.use(() => {
      // All or nothing, like the SQLite transaction: check the whole batch before storing any.
      batch.forEach(assertWellFormed);
      return batch.map((message) => {
        const record = copyMessage(message, ++this.lastId);
        this.messages.set(record.id, record);
        this.indexMessage(record);
        const sender = nickKey(record.from);
        this.sent.set(sender, (this.sent.get(sender) ?? 0) + 1);
        return { ...record };
      });
    });
  }

  countSent(nick: string): Promise<number> {
    return this.use(() => this.sent.get(nickKey(nick)) ?? 0);
  }

  roomHistory(room: string, limit: number, beforeId?: number): Promise<MessageRecord[]> {
    return this.use(() => {
      const ids = this.roomMessageIds.get(room) ?? [];
      const end = beforeId === undefined ? ids.length : lowerBound(ids, beforeId);
      return this.copiesOf(ids.slice(Math.max(0, end - Math.max(0, limit)), end));
    });
  }

  unreadFor(nick: string, afterId: number, limit: number): Promise<UnreadPage> {
    return this.use(() => {
      const key = nickKey(nick);
      const take = Math.max(0, limit);
      let total = 0;
      // The newest `take` unread ids of each source: the overall newest `take` are among them.
      const candidates: number[] = [];
      const addSource = (ids: readonly number[], after: number): void => {
        const start = upperBound(ids, after);
        total += ids.length - start;
        candidates.push(...ids.slice(Math.max(start, ids.length - take)));
      };
      for (const membership of this.memberships.get(key)?.values() ?? []) {
        addSource(this.roomMessageIds.get(membership.room) ?? [], Math.max(afterId, membership.sinceId));
      }
      addSource(this.privateMessageIds.get(key) ?? [], afterId);
      candidates.sort((a, b) => a - b);
      return { messages: this.copiesOf(candidates.slice(Math.max(0, candidates.length - take))), total };
    });
  }

  getMessage(id: number): Promise<MessageRecord | undefined> {
    return this.use(() => {
      const message = this.messages.get(id);
      return message && { ...message };
    });
  }

  lastMessageId(): Promise<number> {
    return this.use(() => this.lastId);
  }

  countMessages(): Promise<number> {
    return this.use(() => this.messages.size);
  }

  threadOf(rootId: number): Promise<MessageRecord[]> {
    return this.use(() => this.copiesOf(this.commentIds.get(rootId) ?? []));
  }

  markDelivered(entries: readonly { id: number; at: number }[]): Promise<void> {
    return this.use(() => {
      for (const { id, at } of entries) {
        const message = this.messages.get(id);
        // The first delivery counts: a message already marked keeps its time.
        if (message && message.deliveredAt === null) message.deliveredAt = at;
      }
    });
  }

  deleteExpired(roomBefore: number, privateBefore: number): Promise<number[]> {
    return this.use(() => {
      // Undelivered private messages are kept, however old.
      const expired = [...this.messages.values()].filter((message) =>
        message.kind === 'room'
          ? message.createdAt < roomBefore
          : message.deliveredAt !== null && message.deliveredAt < privateBefore,
      );
      for (const message of expired) this.messages.delete(message.id);
      this.unindexMessages(expired);
      // In id order already: the map iterates in insertion order.
      return expired.map((message) => message.id);
    });
  }

  addReport(report: ReportRecord): Promise<boolean> {
    return this.use(() => {
      const targetKey = nickKey(report.target);
      let byReporter = this.reports.get(targetKey);
      if (!byReporter) {
        byReporter = new Map();
        this.reports.set(targetKey, byReporter);
      }
      const reporterKey = nickKey(report.reporter);
      if (byReporter.has(reporterKey)) return false;
      byReporter.set(reporterKey, { ...report });
      return true;
    });
  }

  listReports(target: string): Promise<ReportRecord[]> {
    // Oldest first; filed at the same moment, in the order filed (sort is stable), as SqliteStore.
    return this.use(() =>
      [...(this.reports.get(nickKey(target))?.values() ?? [])]
        .sort((a, b) => a.at - b.at)
        .map((report) => ({ ...report })),
    );
  }

  listAllReports(): Promise<ReportRecord[]> {
    return this.use(() =>
      [...this.reports.entries()]
        .sort(([a], [b]) => compareStrings(a, b))
        .flatMap(([, byReporter]) => [...byReporter.values()].sort((a, b) => a.at - b.at))
        .map((report) => ({ ...report })),
    );
  }

  clearReports(target: string): Promise<void> {
    return this.use(() => {
      this.reports.delete(nickKey(target));
    });
  }

  setBan(ban: BanRecord): Promise<void> {
    return this.use(() => {
      // A new ban replaces the old one whole, the nick's display form included.
      this.bans.set(nickKey(ban.nick), { ...ban });
    });
  }

  clearBan(nick: string): Promise<void> {
    return this.use(() => {
      this.bans.delete(nickKey(nick));
    });
  }

  listBans(): Promise<BanRecord[]> {
    // Same order as SqliteStore: by nick, case-insensitively.
    return this.use(() =>
      [...this.bans.entries()]
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([, ban]) => ({ ...ban })),
    );
  }

  incrementCounter(key: string, windowStart: number): Promise<number> {
    return this.use(() => {
      let window = this.counters.get(windowStart);
      if (!window) {
        window = new Map();
        this.counters.set(windowStart, window);
      }
      const count = (window.get(key) ?? 0) + 1;
      window.set(key, count);
      return count;
    });
  }

  getCounter(key: string, windowStart: number): Promise<number> {
    return this.use(() => this.counters.get(windowStart)?.get(key) ?? 0);
  }

  deleteCountersBefore(windowStart: number): Promise<void> {
    return this.use(() => {
      for (const start of [...this.counters.keys()]) {
        if (start < windowStart) this.counters.delete(start);
      }
    });
  }

  addScheduled(message: NewScheduledMessage): Promise<ScheduledMessageRecord> {
    return this.use(() => {
      const record: ScheduledMessageRecord = {
        id: ++this.lastScheduledId,
        author: message.author,
        route: message.route,
        target: message.target,
        text: message.text,
        dueAt: message.dueAt,
        createdAt: message.createdAt,
      };
      this.scheduled.set(record.id, record);
      return { ...record };
    });
  }

  listScheduled(author?: string): Promise<ScheduledMessageRecord[]> {
    return this.use(() => {
      const key = author === undefined ? undefined : nickKey(author);
      return [...this.scheduled.values()]
        .filter((message) => key === undefined || nickKey(message.author) === key)
        .sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)
        .map((message) => ({ ...message }));
    });
  }

  takeScheduled(id: number): Promise<ScheduledMessageRecord | undefined> {
    return this.use(() => {
      const message = this.scheduled.get(id);
      this.scheduled.delete(id);
      return message;
    });
  }

  addInvitation(invitation: InvitationRecord): Promise<void> {
    return this.use(() => {
      const key = roomNickKey(invitation.room, invitation.nick);
      if (!this.invitations.has(key)) this.invitations.set(key, { ...invitation });
    });
  }

  getInvitation(room: string, nick: string): Promise<InvitationRecord | undefined> {
    return this.use(() => {
      const invitation = this.invitations.get(roomNickKey(room, nick));
      return invitation && { ...invitation };
    });
  }

  removeInvitation(room: string, nick: string): Promise<boolean> {
    return this.use(() => this.invitations.delete(roomNickKey(room, nick)));
  }

  addJoinLink(link: JoinLinkRecord): Promise<void> {
    return this.use(() => {
      if (!this.joinLinks.has(link.tokenHash)) this.joinLinks.set(link.tokenHash, { ...link });
    });
  }

  getJoinLink(tokenHash: string): Promise<JoinLinkRecord | undefined> {
    return this.use(() => {
      const link = this.joinLinks.get(tokenHash);
      return link && { ...link };
    });
  }

  removeJoinLinks(room: string): Promise<number> {
    return this.use(() => {
      const hashes = [...this.joinLinks.values()].filter((link) => link.room === room).map((link) => link.tokenHash);
      for (const hash of hashes) this.joinLinks.delete(hash);
      return hashes.length;
    });
  }

  addJoinRequest(request: JoinRequestRecord): Promise<boolean> {
    return this.use(() => {
      const key = roomNickKey(request.room, request.nick);
      if (this.joinRequests.has(key)) return false;
      this.joinRequests.set(key, { ...request });
      return true;
    });
  }

  removeJoinRequest(room: string, nick: string): Promise<boolean> {
    return this.use(() => this.joinRequests.delete(roomNickKey(room, nick)));
  }

  listJoinRequests(room: string): Promise<JoinRequestRecord[]> {
    return this.use(() =>
      [...this.joinRequests.values()]
        .filter((request) => request.room === room)
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((request) => ({ ...request })),
    );
  }

  addFile(file: FileRecord): Promise<void> {
    return this.use(() => {
      if (this.files.has(file.id)) throw new Error(`file id ${file.id} is taken`);
      this.files.set(file.id, { ...file });
    });
  }

  getFile(id: string): Promise<FileRecord | undefined> {
    return this.use(() => {
      const file = this.files.get(id);
      return file && { ...file };
    });
  }

  removeFilesOf(messageIds: readonly number[]): Promise<string[]> {
    return this.use(() => {
      const announced = new Set(messageIds);
      const ids = [...this.files.values()].filter((file) => announced.has(file.messageId)).map((file) => file.id);
      for (const id of ids) this.files.delete(id);
      return ids;
    });
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private indexMessage(message: MessageRecord): void {
    if (message.room !== null) appendTo(this.roomMessageIds, message.room, message.id);
    if (message.to !== null) {
      const from = nickKey(message.from);
      const to = nickKey(message.to);
      appendTo(this.privateMessageIds, from, message.id);
      // A note to oneself is listed once.
      if (to !== from) appendTo(this.privateMessageIds, to, message.id);
    }
    if (message.parentId !== null) appendTo(this.commentIds, message.parentId, message.id);
  }

  /** Takes deleted messages out of the indexes, each index entry they were in filtered once. */
  private unindexMessages(deleted: readonly MessageRecord[]): void {
    if (deleted.length === 0) return;
    const gone = new Set(deleted.map((message) => message.id));
    const rooms = new Set<string>();
    const nicks = new Set<string>();
    const roots = new Set<number>();
    for (const message of deleted) {
      if (message.room !== null) rooms.add(message.room);
      if (message.to !== null) {
        nicks.add(nickKey(message.from));
        nicks.add(nickKey(message.to));
      }
      if (message.parentId !== null) roots.add(message.parentId);
    }
    removeIds(this.roomMessageIds, rooms, gone);
    removeIds(this.privateMessageIds, nicks, gone);
    removeIds(this.commentIds, roots, gone);
  }

  private copiesOf(ids: readonly number[]): MessageRecord[] {
    return ids.flatMap((id) => {
      const message = this.messages.get(id);
      return message ? [{ ...message }] : [];
    });
  }

  /** Runs `work` unless closed; a throw becomes a rejection, as with the other stores. */
  private use<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve) => {
      if (this.closed) throw new Error('chat-line memory store is closed');
      resolve(work());
    });
  }
}

/**
 * Folds ASCII letters only, as SQLite's NOCASE does, so that both stores agree on which nicks
 * are the same (toLowerCase would also fold `É` to `é` and the Kelvin sign to `k`).
 */
function nickKey(nick: string): string {
  return nick.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** Room names are canonical already; nicks match in any case. A newline is in neither. */
function roomNickKey(room: string, nick: string): string {
  return `${room}\n${nickKey(nick)}`;
}

/** The rules SqliteStore's CHECK constraint enforces. */
function assertWellFormed(message: NewMessage): void {
  const wellFormed =
    message.kind === 'room'
      ? message.room !== null && message.to === null
      : message.room === null && message.to !== null;
  if (!wellFormed) {
    throw new Error(
      `malformed ${message.kind} message: a room message needs a room and no recipient, a private one the reverse`,
    );
  }
}

/** The inner map under `key`, created empty if missing. */
function entryOf<V>(index: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = index.get(key);
  if (!inner) {
    inner = new Map();
    index.set(key, inner);
  }
  return inner;
}

/** Code-unit order, as SQLite's default BINARY collation (not localeCompare). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
