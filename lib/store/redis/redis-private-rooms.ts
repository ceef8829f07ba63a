import type { Constructor } from '../mixin.js';
import type { PrivateRoomStore } from '../private-room-store.js';
import type { InvitationRecord, JoinLinkRecord, JoinRequestRecord } from '../records.js';
import { nickKey } from '../collation.js';
import { asInteger, execReplies, parsed } from './redis-codec.js';
import type { RedisCore } from './redis-core.js';

/** RedisStore's invitations, join links and join requests (keys `invitations:`, `join-link(s):`, `join-requests:`). */
export function redisPrivateRooms<Base extends Constructor<RedisCore>>(base: Base) {
  return class RedisPrivateRooms extends base implements PrivateRoomStore {
    addInvitation(invitation: InvitationRecord): Promise<void> {
      return this.use(async () => {
        const { room, nick, invitedBy, createdAt } = invitation;
        await this.client.hsetnx(this.key(`invitations:${room}`), nickKey(nick), JSON.stringify({ room, nick, invitedBy, createdAt }));
      });
    }

    getInvitation(room: string, nick: string): Promise<InvitationRecord | undefined> {
      return this.use(async () => parsed(await this.client.hget(this.key(`invitations:${room}`), nickKey(nick))) as InvitationRecord | undefined);
    }

    removeInvitation(room: string, nick: string): Promise<boolean> {
      return this.use(async () => (await this.client.hdel(this.key(`invitations:${room}`), nickKey(nick))) === 1);
    }

    addJoinLink(link: JoinLinkRecord): Promise<void> {
      return this.use(async () => {
        const { tokenHash, room, createdBy, createdAt, expiresAt } = link;
        const json = JSON.stringify({ tokenHash, room, createdBy, createdAt, expiresAt });
        execReplies(
          await this.client.multi().set(this.key(`join-link:${tokenHash}`), json, 'NX').sadd(this.key(`join-links:${room}`), tokenHash).exec(),
          'addJoinLink',
        );
      });
    }

    getJoinLink(tokenHash: string): Promise<JoinLinkRecord | undefined> {
      return this.use(async () => parsed(await this.client.get(this.key(`join-link:${tokenHash}`))) as JoinLinkRecord | undefined);
    }

    removeJoinLinks(room: string): Promise<number> {
      return this.use(async () => {
        const hashes = await this.client.smembers(this.key(`join-links:${room}`));
        if (hashes.length === 0) return 0;
        const replies = execReplies(
          await this.client
            .multi()
            .del(...hashes.map((hash) => this.key(`join-link:${hash}`)))
            .srem(this.key(`join-links:${room}`), ...hashes)
            .exec(),
          'removeJoinLinks',
        );
        return asInteger(replies[0], 'removeJoinLinks');
      });
    }

    addJoinRequest(request: JoinRequestRecord): Promise<boolean> {
      return this.use(async () => {
        const seq = await this.client.incr(this.key('join-request-seq'));
        const { room, nick, createdAt } = request;
        const json = JSON.stringify([seq, { room, nick, createdAt }]);
        return (await this.client.hsetnx(this.key(`join-requests:${room}`), nickKey(nick), json)) === 1;
      });
    }

    removeJoinRequest(room: string, nick: string): Promise<boolean> {
      return this.use(async () => (await this.client.hdel(this.key(`join-requests:${room}`), nickKey(nick))) === 1);
    }

    listJoinRequests(room: string): Promise<JoinRequestRecord[]> {
      // Oldest first; made at the same moment, in the order made.
      return this.use(async () =>
        (await this.client.hvals(this.key(`join-requests:${room}`)))
          .map((json) => JSON.parse(json) as [number, JoinRequestRecord])
          .sort(([seqA, a], [seqB, b]) => a.createdAt - b.createdAt || seqA - seqB)
          .map(([, r]) => ({ room: r.room, nick: r.nick, createdAt: r.createdAt })),
      );
    }
  };
}
