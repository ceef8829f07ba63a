import type { Logger } from '../util/logger.js';
import type { ChatHub } from './hub/chat-hub.js';
import { cleanText } from './messages.js';
import type { RoomState } from './hub/room-directory.js';

/** Whether a user is online anywhere, in how many sessions in all, and their away message. */
export interface UserPresence {
  online: boolean;
  sessions: number;
  away: string | null;
}

export interface ChatStats {
  startedAt: number;
  /** On every server of a cluster (`servers` of them up). */
  sessions: number;
  usersOnline: number;
  servers: number;
  /** On this server alone: what its metrics report. */
  sessionsHere: number;
  usersHere: number;
  rooms: number;
}

/** Who is online, here and on the other servers of a cluster, and who is away. */
export class Presence {
  constructor(
    private readonly hub: ChatHub,
    private readonly logger: Logger,
  ) {}

  of(nick: string): UserPresence {
    const user = this.hub.onlineUser(nick);
    const elsewhere = this.hub.others.userElsewhere(nick);
    const sessions = (user?.sessions.length ?? 0) + elsewhere.sessions;
    return { online: sessions > 0, sessions, away: user?.away ?? elsewhere.away };
  }

  /** Members of a room online here or on another server. */
  onlineIn(state: RoomState): number {
    const { others } = this.hub;
    if (others.count === 0) return state.online.size;
    let online = 0;
    for (const nick of state.members) if (this.hub.onlineUser(nick) !== undefined || others.userElsewhere(nick).sessions > 0) online++;
    return online;
  }

  stats(): ChatStats {
    const elsewhere = this.hub.others.elsewhere();
    const here = this.hub.here;
    for (const user of this.hub.onlineUsers()) elsewhere.users.add(user.nick.toLowerCase());
    return {
      startedAt: this.hub.startedAt,
      sessions: here.sessions + elsewhere.sessions,
      usersOnline: elsewhere.users.size,
      servers: 1 + this.hub.others.count,
      sessionsHere: here.sessions,
      usersHere: here.users,
      rooms: this.hub.rooms.size,
    };
  }

  /** Away with a message, or back with null; others see it in /who and /whois. Returns the message as stored. */
  setAway(nick: string, message: string | null): string | null {
    const away = message === null ? null : cleanText(message);
    this.hub.publish({ type: 'profile-changed', nick, change: { away } });
    this.logger.info('user.away', { nick, away });
    return away;
  }
}
