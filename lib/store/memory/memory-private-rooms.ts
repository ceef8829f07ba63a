import type { Constructor } from '../mixin.js';
import type { PrivateRoomStore } from '../private-room-store.js';
import type { InvitationRecord, JoinLinkRecord, JoinRequestRecord } from '../records.js';
import { roomNickKey, type MemoryTables } from './memory-tables.js';

/** MemoryStore's invitations, join links and join requests. */
export function memoryPrivateRooms<Base extends Constructor<MemoryTables>>(base: Base) {
  return class MemoryPrivateRooms extends base implements PrivateRoomStore {
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
  };
}
