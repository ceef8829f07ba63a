/** The shapes that storage keeps. Nicks and room names are stored in their canonical form. */

export interface UserRecord {
  /** The nick as registered (display form); lookups are case-insensitive. */
  nick: string;
  /** `scrypt$N$r$p$salt$hash`, see lib/auth/password.ts. */
  passwordHash: string;
  createdAt: number;
  /** When the user's last session ended (or null if never). */
  lastSeenAt: number | null;
  /** Highest message id delivered to any session of this user: everything above is unread. */
  readCursor: number;
}

export type RoomVisibility = 'public' | 'private';

export interface RoomRecord {
  /** Lower-case, without the leading `#`. */
  name: string;
  visibility: RoomVisibility;
  owner: string | null;
  createdAt: number;
  /** What the room is about, as last set; absent while none is. */
  topic?: RoomTopic;
}

/** A room's topic, who set it and when. */
export interface RoomTopic {
  text: string;
  by: string;
  at: number;
}

export interface MembershipRecord {
  room: string;
  nick: string;
  /** Messages of the room with an id above this are the member's to read (catch-up). */
  sinceId: number;
}

export type MessageKind = 'room' | 'private';

export interface NewMessage {
  kind: MessageKind;
  /** For a comment: the message it comments on (always a thread's root), else null. */
  parentId: number | null;
  /** For a comment: how the original is quoted (`alice: "start of it…"`), else null; null too once the original is deleted. */
  quote: string | null;
  /** The room for `room` messages, null for private ones. */
  room: string | null;
  from: string;
  /** The recipient for `private` messages, null for room ones. */
  to: string | null;
  text: string;
  createdAt: number;
}

export interface MessageRecord extends NewMessage {
  /** Global, strictly increasing; shown to users in base 36 as the short message id. */
  id: number;
  /** For a private message: when it first reached its recipient (its lifetime starts then). */
  deliveredAt: number | null;
  /** When its author last changed its text (`/edit`), or null. */
  editedAt: number | null;
}

/** A report filed with `/ban`; reports count towards a ban until the ban cycle ends. */
export interface ReportRecord {
  target: string;
  reporter: string;
  at: number;
}

export interface BanRecord {
  nick: string;
  /** When the ban ends (ms since the epoch). */
  until: number;
}

export interface NewScheduledMessage {
  author: string;
  route: 'room' | 'private';
  /** Room name or recipient nick. */
  target: string;
  text: string;
  dueAt: number;
  createdAt: number;
}

export interface ScheduledMessageRecord extends NewScheduledMessage {
  id: number;
}

/** The record of a scheduled message stored under `id`, with only the fields it has (not what else `message` carries). */
export function copyScheduled(message: NewScheduledMessage, id: number): ScheduledMessageRecord {
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

/** The record of a message just stored under `id` (not delivered to anyone yet). */
export function copyMessage(message: NewMessage, id: number): MessageRecord {
  return {
    id,
    kind: message.kind,
    parentId: message.parentId,
    quote: message.quote,
    room: message.room,
    from: message.from,
    to: message.to,
    text: message.text,
    createdAt: message.createdAt,
    deliveredAt: null,
    editedAt: null,
  };
}

/** The rules SqliteStore's CHECK constraint enforces; the other stores check them before storing a batch. */
export function assertWellFormed(message: NewMessage): void {
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

/** The owner of a private room let `nick` in: they may join it with `/chats <room>` (once). */
export interface InvitationRecord {
  room: string;
  nick: string;
  invitedBy: string;
  createdAt: number;
}

/**
 * A join link of a private room. Only the SHA-256 of the token is kept, so a copy of the
 * database does not hand out working links.
 */
export interface JoinLinkRecord {
  /** Lower-case hex SHA-256 of the token. */
  tokenHash: string;
  room: string;
  createdBy: string;
  createdAt: number;
  /** The link stops working at this time. */
  expiresAt: number;
}

/** Someone with a join link asked to enter a private room; the owner has not answered yet. */
export interface JoinRequestRecord {
  room: string;
  nick: string;
  createdAt: number;
}

/** A file sent to a room or a user; the bytes are in `<dataDir>/files/<id>`. */
export interface FileRecord {
  /** Random, shown to users: `/download <id>`. */
  id: string;
  /** The message that announced it: whoever can see that message may download the file. */
  messageId: number;
  /** Sanitised file name, as the sender gave it. */
  name: string;
  size: number;
  from: string;
  createdAt: number;
}
