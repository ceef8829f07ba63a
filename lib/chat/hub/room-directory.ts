import type { MembershipRecord, RoomRecord } from '../../store/records.js';
import type { OnlineUser } from './online-user.js';

export interface RoomState {
  readonly record: RoomRecord;
  /** Canonical nicks of all members, online or not. */
  readonly members: Set<string>;
  /** Members who are online now: fan-out iterates this set only. */
  readonly online: Set<OnlineUser>;
}

/** The rooms and their members, to read. */
export interface RoomIndex {
  get(name: string): RoomState | undefined;
  all(): IterableIterator<RoomState>;
  readonly size: number;
  isMember(room: string, nick: string): boolean;
  /** Room names the user belongs to, sorted. */
  roomsOf(nick: string): string[];
}

/**
 * The two-way index of rooms and people (room → members, nick → rooms), kept in memory
 * so delivery never waits on storage. Loaded from the store at start-up and changed only
 * by the hub when it applies an event.
 */
export class RoomDirectory implements RoomIndex {
  private readonly rooms = new Map<string, RoomState>();
  private readonly roomsByNick = new Map<string, Set<string>>();

  load(rooms: readonly RoomRecord[], memberships: readonly MembershipRecord[]): void {
    for (const room of rooms) this.addRoom(room);
    for (const membership of memberships) this.addMember(membership.room, membership.nick);
  }

  get(name: string): RoomState | undefined {
    return this.rooms.get(name);
  }

  all(): IterableIterator<RoomState> {
    return this.rooms.values();
  }

  get size(): number {
    return this.rooms.size;
  }

  addRoom(record: RoomRecord): RoomState {
    const existing = this.rooms.get(record.name);
    if (existing) return existing;
    const state: RoomState = { record, members: new Set(), online: new Set() };
    this.rooms.set(record.name, state);
    return state;
  }

  addMember(room: string, nick: string): void {
    const state = this.rooms.get(room);
    if (!state) return;
    state.members.add(nick);
    const key = nick.toLowerCase();
    let rooms = this.roomsByNick.get(key);
    if (!rooms) {
      rooms = new Set();
      this.roomsByNick.set(key, rooms);
    }
    rooms.add(room);
  }

  removeMember(room: string, nick: string): void {
    const state = this.rooms.get(room);
    state?.members.delete(nick);
    this.roomsByNick.get(nick.toLowerCase())?.delete(room);
  }

  isMember(room: string, nick: string): boolean {
    return this.roomsByNick.get(nick.toLowerCase())?.has(room) ?? false;
  }

  /** Room names the user belongs to, sorted. */
  roomsOf(nick: string): string[] {
    return [...(this.roomsByNick.get(nick.toLowerCase()) ?? [])].sort();
  }
}
