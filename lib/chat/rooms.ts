import type { ChatStore } from '../store/chat-store.js';
import type { RoomRecord, RoomTopic } from '../store/records.js';
import { sanitizeText } from './text/sanitize.js';

/** Longest topic, in characters (what one IRC line leaves room for: ISUPPORT TOPICLEN). */
export const MAX_TOPIC_LENGTH = 390;
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { ChatHub } from './hub/chat-hub.js';
import { DEFAULT_ROOM } from './text/names.js';
import type { Presence, UserPresence } from './presence.js';
import type { RoomState } from './hub/room-directory.js';
import { refuse } from './refusals.js';

export interface RoomSummary {
  name: string;
  visibility: RoomRecord['visibility'];
  members: number;
  online: number;
}

export interface MemberPresence extends UserPresence {
  nick: string;
}

/**
 * Rooms and their members: joining (creating a public room on the way), leaving, removing
 * a member, and what a user may see of them. A private room is hidden from non-members: it
 * answers exactly like a missing one.
 */
export class Rooms {
  /** Lower-cased nicks of the guests connected here. */
  private readonly guests = new Set<string>();

  constructor(
    private readonly hub: ChatHub,
    private readonly store: ChatStore,
    private readonly presence: Presence,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  get(name: string): RoomState | undefined {
    return this.hub.rooms.get(name);
  }

  /**
   * The room, also when it was created on another server a moment ago and the event has
   * not arrived: then the store has it, and its record is applied here as the event would.
   */
  async find(name: string): Promise<RoomState | undefined> {
    const known = this.hub.rooms.get(name);
    if (known) return known;
    const record = await this.store.getRoom(name);
    if (record) this.hub.learnRoom(record);
    return this.hub.rooms.get(name);
  }

  isMember(room: string, nick: string): boolean {
    return this.hub.rooms.isMember(room, nick);
  }

  roomsOf(nick: string): string[] {
    return this.hub.rooms.roomsOf(nick);
  }

  /** A room `nick` may see: public, or private with them in it; NO_SUCH_ROOM otherwise, as for a missing one. */
  visibleTo(nick: string, room: string): RoomState {
    const state = this.hub.rooms.get(room);
    if (!state || (state.record.visibility !== 'public' && !state.members.has(nick))) throw refuse.noSuchRoom(room);
    return state;
  }

  requireMember(room: string, nick: string): void {
    if (!this.hub.rooms.isMember(room, nick)) throw refuse.notAMember(room, this.hub.rooms.get(room)?.record.visibility === 'public');
  }

  /**
   * Joins (creating the room if needed). Returns whether the room was new and whether the
   * user already was a member. A guest (no account, see ChatCore.attach) is a member only
   * while connected: nothing of it is stored.
   */
  async join(nick: string, name: string, options: { quiet?: boolean } = {}): Promise<{ created: boolean; joined: boolean }> {
    let created = false;
    if (!this.hub.rooms.get(name)) {
      const record: RoomRecord = { name, visibility: 'public', owner: nick, createdAt: this.clock.now() };
      created = await this.store.createRoom(record);
      const stored = (await this.store.getRoom(name)) ?? record;
      this.hub.publish({ type: 'room-created', room: stored });
      // Another server created it at the same moment, as a private room: not to be joined like this.
      if (stored.visibility !== 'public') throw refuse.noSuchRoom(name);
    }
    if (this.hub.rooms.isMember(name, nick)) return { created, joined: false };
    // The member's catch-up of this room starts after the newest message stored anywhere
    // now, not the newest delivered here: in a cluster, messages posted before the join may
    // still be on their way to this server (they are delivered live if they arrive after it).
    if (!this.isGuest(nick)) await this.store.addMember({ room: name, nick, sinceId: await this.store.lastMessageId() });
    this.hub.publish({ type: 'member-joined', room: name, nick });
    if (!options.quiet) this.logger.info('room.join', { nick, room: name, created });
    return { created, joined: true };
  }

  /**
   * Sets a room's topic (an empty text clears it): its owner and the operators may, as
   * IRC's +t lets only channel operators. Returns the topic as stored.
   */
  async setTopic(nick: string, room: string, text: string, operator: boolean): Promise<RoomTopic | null> {
    const state = this.visibleTo(nick, room);
    this.requireMember(room, nick);
    const { owner } = state.record;
    if (!operator && (owner === null || owner.toLowerCase() !== nick.toLowerCase())) throw refuse.notRoomOwner(room, owner);
    const clean = sanitizeText(text).trim();
    if (clean.length > MAX_TOPIC_LENGTH) throw refuse.invalidArgument(`A topic is at most ${MAX_TOPIC_LENGTH} characters; that one is ${clean.length}.`);
    const topic = clean === '' ? null : { text: clean, by: nick, at: this.clock.now() };
    await this.store.setTopic(room, topic);
    this.hub.publish({ type: 'topic-changed', room, topic, by: nick });
    this.logger.info('room.topic', { room, by: nick, cleared: topic === null });
    return topic;
  }

  /** Creates a room with no members (private rooms); false if the name is taken. */
  async create(record: RoomRecord): Promise<boolean> {
    if (this.hub.rooms.get(record.name) || !(await this.store.createRoom(record))) return false;
    this.hub.publish({ type: 'room-created', room: record });
    this.logger.info('room.create', { room: record.name, visibility: record.visibility, owner: record.owner });
    return true;
  }

  /** Removes a member on the owner's say: delivery to them stops at once, as does their catch-up. */
  async kick(room: string, nick: string, by: string): Promise<void> {
    this.requireMember(room, nick);
    await this.store.removeMember(room, nick);
    this.hub.publish({ type: 'member-kicked', room, nick, by });
    this.logger.info('room.kick', { nick, room, by });
  }

  async leave(nick: string, name: string): Promise<void> {
    if (name === DEFAULT_ROOM) throw refuse.cannotLeave(DEFAULT_ROOM);
    this.requireMember(name, nick);
    if (!this.isGuest(nick)) await this.store.removeMember(name, nick);
    this.hub.publish({ type: 'member-left', room: name, nick });
    this.logger.info('room.leave', { nick, room: name });
  }

  /** Tells the invitee's sessions and the room's members that `by` let `nick` in (PrivateRooms). */
  invited(room: string, nick: string, by: string): void {
    this.hub.publish({ type: 'invited', room, nick, by });
  }

  /** A guest came (ChatCore.attach): its memberships are not stored. */
  guestArrived(nick: string): void {
    this.guests.add(nick.toLowerCase());
  }

  /** Whether `nick` is a guest connected to this server. */
  isGuest(nick: string): boolean {
    return this.guests.has(nick.toLowerCase());
  }

  /** A guest has gone: it is in no room any more (in #general without a word, as nobody was told it came). */
  guestLeft(nick: string): void {
    if (!this.guests.delete(nick.toLowerCase())) return;
    for (const room of this.hub.rooms.roomsOf(nick)) this.hub.publish({ type: 'member-left', room, nick, quiet: room === DEFAULT_ROOM });
    this.logger.info('guest.left', { nick });
  }

  /** A guest registered its nick: its rooms are kept from now on, as an account's are. */
  async guestRegistered(nick: string): Promise<void> {
    if (!this.guests.has(nick.toLowerCase())) return;
    const sinceId = await this.store.lastMessageId();
    for (const room of this.hub.rooms.roomsOf(nick)) await this.store.addMember({ room, nick, sinceId });
    this.guests.delete(nick.toLowerCase());
    this.logger.info('guest.registered', { nick });
  }

  /** Public rooms (and the private ones `viewer` belongs to), by name. */
  list(viewer: string): RoomSummary[] {
    const rooms: RoomSummary[] = [];
    for (const state of this.hub.rooms.all()) {
      if (state.record.visibility !== 'public' && !state.members.has(viewer)) continue;
      // A room nobody is in is kept (with its history) for whoever joins it next, but is no longer listed.
      if (state.members.size === 0 && state.record.name !== DEFAULT_ROOM) continue;
      rooms.push({ name: state.record.name, visibility: state.record.visibility, members: state.members.size, online: this.presence.onlineIn(state) });
    }
    return rooms.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A room's members, online ones first, then by nick. */
  members(room: string): MemberPresence[] {
    const state = this.hub.rooms.get(room);
    if (!state) return [];
    return [...state.members]
      .map((nick) => ({ nick, ...this.presence.of(nick) }))
      .sort((a, b) => Number(b.online) - Number(a.online) || a.nick.localeCompare(b.nick));
  }
}
