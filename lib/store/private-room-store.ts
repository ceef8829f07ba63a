import type { InvitationRecord, JoinLinkRecord, JoinRequestRecord } from './records.js';

/** The ways into a private room: invitations, join links and the requests made with them. */
export interface PrivateRoomStore {
  /** Records an invitation (no-op if the user is already invited to the room, keeping the first). */
  addInvitation(invitation: InvitationRecord): Promise<void>;
  getInvitation(room: string, nick: string): Promise<InvitationRecord | undefined>;
  /** Removes an invitation; true if there was one (joining consumes it). */
  removeInvitation(room: string, nick: string): Promise<boolean>;

  addJoinLink(link: JoinLinkRecord): Promise<void>;
  /** The link with this token hash, expired or not (the caller checks `expiresAt`). */
  getJoinLink(tokenHash: string): Promise<JoinLinkRecord | undefined>;
  /** Revokes every link of the room; returns how many there were. */
  removeJoinLinks(room: string): Promise<number>;

  /** Records a pending request; false (and nothing changes) if the user already has one for the room. */
  addJoinRequest(request: JoinRequestRecord): Promise<boolean>;
  /** Removes a pending request; true if there was one (answering it consumes it). */
  removeJoinRequest(room: string, nick: string): Promise<boolean>;
  /** Pending requests of a room, oldest first. */
  listJoinRequests(room: string): Promise<JoinRequestRecord[]>;
}
