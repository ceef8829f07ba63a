import type { ChatStore, UnreadPage } from './chat-store.js';
import type {
  FileRecord,
  InvitationRecord,
  JoinLinkRecord,
  JoinRequestRecord,
  MembershipRecord,
  MessageRecord,
  NewMessage,
  RoomRecord,
  UserRecord,
} from './records.js';

/**
 * ChatStore in plain maps, for tests and throwaway servers; held to the same contract suite
 * as SqliteStore. Records are copied in and out, so callers can't change what is stored
 * behind its back (as with a database).
 */
export class MemoryStore implements ChatStore {
  readonly kind = 'memory';
  /** By lower-case nick; the record keeps the display nick. */
  private readonly users = new Map<string, UserRecord>();
  private readonly rooms = new Map<string, RoomRecord>();
  /** Lower-case nick -> room -> membership: unreadFor starts from a user's rooms. */
  private readonly memberships = new Map<string, Map<string, MembershipRecord>>();
  /** The message with id n is at n - 1: ids are handed out 1, 2, 3... and never deleted. */
  private readonly messages: MessageRecord[] = [];
  /** Room -> ids of its messages, ascending, so history and unread are binary searches. */
  private readonly roomMessageIds = new Map<string, number[]>();
  /** Lower-case nick -> ids of private messages to or from them, ascending. */
  private readonly privateMessageIds = new Map<string, number[]>();
  /** By roomNickKey. */
  private readonly invitations = new Map<string, InvitationRecord>();
  /** By token hash. */
  private readonly joinLinks = new Map<string, JoinLinkRecord>();
  /** By roomNickKey; a Map keeps insertion order, which is the "oldest first" of listJoinRequests. */
  private readonly joinRequests = new Map<string, JoinRequestRecord>();
  private readonly files = new Map<string, FileRecord>();
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
        const record = copyMessage(message, this.messages.length + 1);
        this.messages.push(record);
        this.indexMessage(record);
        return { ...record };
      });
    });
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
      const message = this.messages[id - 1];
      return message && { ...message };
    });
  }

  lastMessageId(): Promise<number> {
    return this.use(() => this.messages.length);
  }

  countMessages(): Promise<number> {
    return this.use(() => this.messages.length);
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
  }

  private copiesOf(ids: readonly number[]): MessageRecord[] {
    return ids.flatMap((id) => {
      const message = this.messages[id - 1];
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

function nickKey(nick: string): string {
  return nick.toLowerCase();
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

function copyMessage(message: NewMessage, id: number): MessageRecord {
  return {
    id,
    kind: message.kind,
    room: message.room,
    from: message.from,
    to: message.to,
    text: message.text,
    createdAt: message.createdAt,
  };
}

function appendTo(index: Map<string, number[]>, key: string, id: number): void {
  const ids = index.get(key);
  if (ids) ids.push(id);
  else index.set(key, [id]);
}

/** Index of the first id >= value in ascending `ids` (ids.length if none). */
function lowerBound(ids: readonly number[], value: number): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ids[mid] ?? Infinity) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first id > value in ascending `ids` (ids.length if none). */
function upperBound(ids: readonly number[], value: number): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ids[mid] ?? Infinity) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Code-unit order, as SQLite's default BINARY collation (not localeCompare). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
