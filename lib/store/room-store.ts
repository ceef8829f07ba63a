import type { MembershipRecord, RoomRecord, RoomTopic } from './records.js';

/** Rooms and who is a member of which (room names arrive normalised). */
export interface RoomStore {
  getRoom(name: string): Promise<RoomRecord | undefined>;
  /** Creates a room; false (and nothing changes) if it exists. */
  createRoom(room: RoomRecord): Promise<boolean>;
  listRooms(): Promise<RoomRecord[]>;
  /** Sets (null: clears) a room's topic; false (and nothing changes) if there is no such room. */
  setTopic(room: string, topic: RoomTopic | null): Promise<boolean>;

  /** Adds a member (no-op if already one, keeping the original sinceId). */
  addMember(membership: MembershipRecord): Promise<void>;
  removeMember(room: string, nick: string): Promise<void>;
  listMemberships(): Promise<MembershipRecord[]>;
}
