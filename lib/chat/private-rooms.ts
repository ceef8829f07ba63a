import { hashJoinToken, newJoinToken, tokenOfJoinLink } from './text/join-link.js';
import type { ChatStore } from '../store/chat-store.js';
import type { JoinRequestRecord, RoomRecord, UserRecord } from '../store/records.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import type { Messages } from './messages.js';
import type { Rooms } from './rooms.js';
import { refuse } from './refusals.js';

/** What `/join` did with a valid link. */
export type JoinOutcome =
  /** The user is in the room already. */
  | { kind: 'member'; room: string }
  /** The user is its owner or invited: `/chats <room>` lets them in. */
  | { kind: 'admitted'; room: string }
  /** A request went to the owner; the room's name is not told until it is approved. */
  | { kind: 'requested' }
  /** The user had asked already and the owner has not answered yet. */
  | { kind: 'waiting' };

/** The owner's answer to a join request. */
export type JoinAnswer = 'approve' | 'deny';

/**
 * Who may enter a private room: its owner, members, and users holding an invitation. The
 * owner invites directly or hands out join links; a link only lets its holder ask, and the
 * owner approves (which is an invitation) or denies. Everything is kept in the store, and
 * every notice to a user goes through `Messages.notify`, so offline users get it at their next
 * login; those a user causes at will (invitations, requests, answers) name that user, so a
 * recipient who ignores them does not get them. A removal is always told: it changes what
 * the recipient can see.
 *
 * Callers have already checked that the room is private and that the caller owns it
 * (see lib/commands/owned-room.ts); nicks of other users arrive as typed.
 */
export class PrivateRooms {
  constructor(
    private readonly rooms: Rooms,
    private readonly messages: Messages,
    private readonly store: ChatStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly linkTtlMs: number,
  ) {}

  /** Creates the room with `owner` as its owner and only member. */
  async create(owner: string, room: string): Promise<void> {
    const record: RoomRecord = { name: room, visibility: 'private', owner, createdAt: this.clock.now() };
    if (!(await this.rooms.create(record))) {
      throw refuse.roomExists(room);
    }
    await this.rooms.join(owner, room);
  }

  /**
   * For `/chats <room>`: true if `nick` is not yet in the private room but may enter it
   * now, as its owner or with an invitation (which this uses up).
   */
  async admit(nick: string, room: string): Promise<boolean> {
    const record = this.rooms.get(room)?.record;
    if (record?.visibility !== 'private' || this.rooms.isMember(room, nick)) return false;
    return sameNick(record.owner, nick) || (await this.store.removeInvitation(room, nick));
  }

  /** Invites a user and tells them; returns their nick as registered. */
  async invite(owner: string, room: string, nick: string): Promise<string> {
    const user = await this.user(nick);
    if (this.rooms.isMember(room, user.nick)) throw refuse.alreadyMember(user.nick, room);
    await this.store.addInvitation({ room, nick: user.nick, invitedBy: owner, createdAt: this.clock.now() });
    // An invitation answers a pending request as well.
    await this.store.removeJoinRequest(room, user.nick);
    const told = await this.messages.notify(user.nick, `${owner} invited you to the private room #${room}: join it with /chats ${room}`, owner);
    // Not to someone who ignores the owner: they are not told of it at all.
    if (told) this.rooms.invited(room, user.nick, owner);
    this.logger.info('room.invite', { room, nick: user.nick, by: owner });
    return user.nick;
  }

  /** A new join link for the room: the token (shown once, never stored) and when it stops working. */
  async createLink(owner: string, room: string): Promise<{ token: string; expiresAt: number }> {
    const token = newJoinToken();
    const createdAt = this.clock.now();
    const expiresAt = createdAt + this.linkTtlMs;
    await this.store.addJoinLink({ tokenHash: hashJoinToken(token), room, createdBy: owner, createdAt, expiresAt });
    // Never the token: the log must not hand out working links.
    this.logger.info('room.link', { room, by: owner, expiresAt });
    return { token, expiresAt };
  }

  /** Revokes all links of the room; returns how many there were. */
  async revokeLinks(room: string): Promise<number> {
    const count = await this.store.removeJoinLinks(room);
    this.logger.info('room.unlink', { room, count });
    return count;
  }

  /**
   * `/join <link-or-token>`. A malformed, unknown, expired or revoked token (or one of a room
   * that is gone) gets one and the same error, so trying tokens teaches nothing.
   */
  async requestJoin(nick: string, linkOrToken: string): Promise<JoinOutcome> {
    const now = this.clock.now();
    const token = tokenOfJoinLink(linkOrToken);
    const link = token === undefined ? undefined : await this.store.getJoinLink(hashJoinToken(token));
    const record = link && link.expiresAt > now ? this.rooms.get(link.room)?.record : undefined;
    if (record?.visibility !== 'private') {
      this.logger.info('room.join_link_refused', { nick });
      throw refuse.invalidLink();
    }
    const room = record.name;
    if (this.rooms.isMember(room, nick)) return { kind: 'member', room };
    if (sameNick(record.owner, nick) || (await this.store.getInvitation(room, nick))) return { kind: 'admitted', room };
    if (!(await this.store.addJoinRequest({ room, nick, createdAt: now }))) return { kind: 'waiting' };
    if (record.owner !== null) {
      await this.messages.notify(record.owner, `${nick} asks to join #${room} with a link: /approve ${room} ${nick} or /deny ${room} ${nick}`, nick);
    }
    this.logger.info('room.join_request', { room, nick });
    return { kind: 'requested' };
  }

  /** Pending requests of the room, oldest first. */
  requests(room: string): Promise<JoinRequestRecord[]> {
    return this.store.listJoinRequests(room);
  }

  /**
   * Answers a pending request and tells the requester. Approval is an invitation; a denial
   * does not name the room, which the requester was never told. Returns the requester's nick.
   */
  async answer(owner: string, room: string, nick: string, answer: JoinAnswer): Promise<string> {
    const user = await this.store.getUser(nick);
    if (!user || !(await this.store.removeJoinRequest(room, user.nick))) {
      throw refuse.noSuchRequest(nick, room);
    }
    if (answer === 'approve') {
      await this.store.addInvitation({ room, nick: user.nick, invitedBy: owner, createdAt: this.clock.now() });
      const told = await this.messages.notify(user.nick, `${owner} approved your request to join #${room}: enter it with /chats ${room}`, owner);
      if (told) this.rooms.invited(room, user.nick, owner);
    } else {
      await this.messages.notify(user.nick, 'The owner of a private room declined your request to join it.', owner);
    }
    this.logger.info('room.join_answer', { room, nick: user.nick, answer, by: owner });
    return user.nick;
  }

  /** Removes a member and tells them; returns their nick as registered. */
  async kick(owner: string, room: string, nick: string): Promise<string> {
    const member = this.rooms.members(room).find((m) => sameNick(m.nick, nick))?.nick;
    if (member === undefined) throw refuse.otherNotAMember(nick, room);
    if (sameNick(member, owner)) throw refuse.yourself(`You own #${room}. To go, use /leave ${room}.`);
    await this.rooms.kick(room, member, owner);
    await this.messages.notify(member, `${owner} removed you from #${room}`);
    return member;
  }

  private async user(nick: string): Promise<UserRecord> {
    const user = await this.store.getUser(nick);
    if (!user) throw refuse.noSuchUser(nick);
    return user;
  }
}

export function sameNick(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}
