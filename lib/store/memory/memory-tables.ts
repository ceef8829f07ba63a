import type { MuteRecord } from '../profile-store.js';
import type {
  BanRecord,
  FileRecord,
  InvitationRecord,
  JoinLinkRecord,
  JoinRequestRecord,
  MembershipRecord,
  MessageRecord,
  ReportRecord,
  RoomRecord,
  ScheduledMessageRecord,
  UserRecord,
} from '../records.js';
import { nickKey } from '../collation.js';

/**
 * What MemoryStore keeps, in plain maps: the core its areas (memory-*.ts) are mixed into.
 * Records are copied in and out, so callers can't change what is stored behind its back
 * (as with a database). A nickKey is a nick folded as SQLite's NOCASE does (collation.ts).
 */
export class MemoryTables {
  readonly kind = 'memory';
  /** By nickKey; the record keeps the display nick. */
  protected readonly users = new Map<string, UserRecord>();
  protected readonly rooms = new Map<string, RoomRecord>();
  /** nickKey -> room -> membership: unreadFor starts from a user's rooms. */
  protected readonly memberships = new Map<string, Map<string, MembershipRecord>>();
  /** By id, in id order (insertion order of the map). */
  protected readonly messages = new Map<number, MessageRecord>();
  /** The highest message id ever handed out: ids of deleted messages are not used again. */
  protected lastId = 0;
  /** Room -> ids of its messages, ascending, so history and unread are binary searches. */
  protected readonly roomMessageIds = new Map<string, number[]>();
  /** nickKey -> ids of private messages to or from them, ascending. */
  protected readonly privateMessageIds = new Map<string, number[]>();
  /** Root id -> ids of its comments, ascending. */
  protected readonly commentIds = new Map<number, number[]>();
  /** Search word (search-words.ts) -> ids of the messages that have it. */
  protected readonly wordIndex = new Map<string, Set<number>>();
  /** nickKey -> room messages that expired before they read them (takeExpiredUnread). */
  protected readonly expiredUnread = new Map<string, number>();
  /** nickKey -> messages they ever sent (expiry does not lower it). */
  protected readonly sent = new Map<string, number>();
  /** nickKey of the target -> nickKey of the reporter -> report, in the order filed. */
  protected readonly reports = new Map<string, Map<string, ReportRecord>>();
  /** By nickKey; the record keeps the nick as given. */
  protected readonly bans = new Map<string, BanRecord>();
  /** Window start -> key -> count: deleteCountersBefore drops whole windows. */
  protected readonly counters = new Map<number, Map<string, number>>();
  protected readonly scheduled = new Map<number, ScheduledMessageRecord>();
  /** As lastId: a taken scheduled id is never handed out again. */
  protected lastScheduledId = 0;
  /** By roomNickKey. */
  protected readonly invitations = new Map<string, InvitationRecord>();
  /** By token hash. */
  protected readonly joinLinks = new Map<string, JoinLinkRecord>();
  /** By roomNickKey; a Map keeps insertion order, which is the "oldest first" of listJoinRequests. */
  protected readonly joinRequests = new Map<string, JoinRequestRecord>();
  protected readonly files = new Map<string, FileRecord>();
  /** nickKey -> nickKey of the ignored -> the ignored nick as given. */
  protected readonly ignores = new Map<string, Map<string, string>>();
  /** nickKey -> preference key -> value. */
  protected readonly preferences = new Map<string, Map<string, string>>();
  /** By nickKey. */
  protected readonly mutes = new Map<string, MuteRecord>();
  protected readonly settings = new Map<string, string>();
  private closed = false;

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  /** Runs `work` unless closed; a throw becomes a rejection, as with the other stores. */
  protected use<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve) => {
      if (this.closed) throw new Error('chat-line memory store is closed');
      resolve(work());
    });
  }
}

/** The inner map under `key`, created empty if missing. */
export function entryOf<K, IK, V>(index: Map<K, Map<IK, V>>, key: K): Map<IK, V> {
  let inner = index.get(key);
  if (!inner) {
    inner = new Map();
    index.set(key, inner);
  }
  return inner;
}

/** Room names are canonical already; nicks match in any case. A newline is in neither. */
export function roomNickKey(room: string, nick: string): string {
  return `${room}\n${nickKey(nick)}`;
}
