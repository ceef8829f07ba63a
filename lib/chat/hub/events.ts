import type { MuteRecord } from '../../store/profile-store.js';
import type { BanRecord, MessageRecord, RoomRecord, RoomTopic } from '../../store/records.js';

/** How many sessions a user has on one server, and their away message. */
export interface PresenceEntry {
  nick: string;
  sessions: number;
  away?: string | null;
}

/** Who is online where, in a cluster (lib/cluster/cluster-presence.ts); `server` is the sender's id. */
export type PresenceEvent =
  /**
   * Everyone online on a server (`full`: every few heartbeats, or asked for), or the users
   * whose count changed (0 = gone); a heartbeat in between names nobody.
   */
  | { type: 'presence'; server: string; users: PresenceEntry[]; full: boolean }
  /** A server that starts asks the others for their full lists; `of`: only that server answers. */
  | { type: 'presence-query'; server: string; of?: string }
  /** A server shutting down: its users are no longer online on it. */
  | { type: 'server-stopped'; server: string };

/** What the audience of a deleted message must know of it: whom it was for. */
export type DeletedMessage = Pick<MessageRecord, 'id' | 'kind' | 'room' | 'from' | 'to'>;

/** What changed about a user; every online session of theirs follows it. */
export interface ProfileChange {
  away?: string | null;
  /** The whole ignore list, lower-cased. */
  ignores?: readonly string[];
}

/**
 * Every change other servers (and other sessions) must hear about. The hub changes its
 * in-memory state only by applying one of these, whether it came from this process or,
 * in a cluster, from another one through the bus.
 */
export type HubEvent =
  | { type: 'message'; message: MessageRecord }
  /** Its author changed its text (`/edit`): the message as it is now. */
  | { type: 'message-edited'; message: MessageRecord }
  | { type: 'message-deleted'; message: DeletedMessage; by: string }
  | { type: 'room-created'; room: RoomRecord }
  /** A room's topic was set (null: cleared) by `topic.by`, or by `by` when cleared. */
  | { type: 'topic-changed'; room: string; topic: RoomTopic | null; by: string }
  | { type: 'member-joined'; room: string; nick: string }
  /** `quiet`: nobody is told (a guest's #general, which everyone is in). */
  | { type: 'member-left'; room: string; nick: string; quiet?: boolean }
  /** `by` let `nick` into the private room (an invitation, or an approved request). */
  | { type: 'invited'; room: string; nick: string; by: string }
  | { type: 'ban-started'; ban: BanRecord }
  | { type: 'ban-ended'; nick: string }
  /** The owner of a private room removed a member: like leaving, but not their choice. */
  | { type: 'member-kicked'; room: string; nick: string; by: string }
  | { type: 'profile-changed'; nick: string; change: ProfileChange }
  | { type: 'user-disconnected'; nick: string; by: string }
  | { type: 'announcement'; from: string; text: string }
  | { type: 'motd-changed'; motd: string | null }
  | { type: 'mute-changed'; nick: string; mute: MuteRecord | null }
  /** A `-- ` line for every session of one user, wherever they are connected. */
  | { type: 'notice'; to: string; text: string }
  /** A `-- ` line for the online members of a room. */
  | { type: 'room-notice'; room: string; text: string }
  /** Scheduled messages were added: every server's scheduler looks again when the next is due. */
  | { type: 'schedule-changed' }
  | PresenceEvent;

/** Where events go. In one process it is a direct call; a cluster bus goes through Redis. */
export interface EventBus {
  publish(event: HubEvent): void;
  subscribe(handler: (event: HubEvent) => void): void;
  close(): Promise<void>;
}

export class LocalBus implements EventBus {
  private readonly handlers: ((event: HubEvent) => void)[] = [];

  publish(event: HubEvent): void {
    for (const handler of this.handlers) handler(event);
  }

  subscribe(handler: (event: HubEvent) => void): void {
    this.handlers.push(handler);
  }

  close(): Promise<void> {
    this.handlers.length = 0;
    return Promise.resolve();
  }
}
