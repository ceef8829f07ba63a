import { randomUUID } from 'node:crypto';
import type { Clock, Timer } from '../util/clock.js';
import type { EventBus, PresenceEntry, PresenceEvent } from '../chat/hub/events.js';
import type { OtherServers } from '../chat/hub/other-servers.js';

/**
 * How often each server of a cluster tells the others it is alive. A heartbeat names
 * nobody (a few dozen bytes), so it can be frequent: a server that dies is noticed within
 * (MISSED_HEARTBEATS + 1) heartbeats, 8 s.
 */
export const PRESENCE_HEARTBEAT_MS = 2000;
/** Every this many heartbeats, one is the whole list of the users online (every 10 s), to mend lost updates. */
export const FULL_LIST_EVERY = 5;
/** A server not heard from for this many heartbeats is taken for dead, and its users for gone. */
export const MISSED_HEARTBEATS = 3;

interface OtherServer {
  heardAt: number;
  /** By folded nick. */
  users: Map<string, PresenceEntry>;
}

export interface ClusterPresenceOptions {
  bus: EventBus;
  clock: Clock;
  /** This server's online users and their session counts, for the full list. */
  local: () => PresenceEntry[];
  /** Between heartbeats. 0 = a single server: nothing is published and nobody else is online. */
  heartbeatMs: number;
}

/**
 * Who is online on the *other* servers of a cluster (the hub knows its own sessions). Each
 * server publishes a `presence` event when a user's session count on it changes, and every
 * `heartbeatMs` a heartbeat: its whole list every FULL_LIST_EVERY of them, an empty update
 * otherwise. A starting server asks the others for their lists at once, and any server asks
 * one it hears from but does not know (taken for dead, say) for its list. A server that
 * stops says so; one that dies (kill -9) falls silent, and at the first of our heartbeats
 * after MISSED_HEARTBEATS of its own were missed, its users count as gone. Nothing of this
 * is per message.
 */
export class ClusterPresence implements OtherServers {
  /** This server's id on the bus. */
  readonly server = randomUUID();
  private readonly others = new Map<string, OtherServer>();
  private timer: Timer | undefined;
  /** Heartbeats since the last full list. */
  private beats = 0;

  constructor(private readonly options: ClusterPresenceOptions) {}

  private get enabled(): boolean {
    return this.options.heartbeatMs > 0;
  }

  start(): void {
    if (!this.enabled) return;
    const { clock, heartbeatMs } = this.options;
    this.publish({ type: 'presence-query', server: this.server });
    this.announce();
    this.timer = clock.setInterval(() => {
      this.heartbeat();
      this.expire();
    }, heartbeatMs);
    this.timer.unref?.();
  }

  /** At shutdown: the others drop this server's users at once. */
  stop(): void {
    if (this.timer) this.options.clock.clearInterval(this.timer);
    this.timer = undefined;
    if (this.enabled) this.publish({ type: 'server-stopped', server: this.server });
  }

  /** A user's number of sessions on this server changed (0: they left it). */
  changed(nick: string, sessions: number): void {
    if (this.enabled) this.publish({ type: 'presence', server: this.server, users: [{ nick, sessions }], full: false });
  }

  apply(event: PresenceEvent): void {
    if (event.server === this.server) return;
    switch (event.type) {
      case 'presence-query':
        if (event.of === undefined || event.of === this.server) this.announce();
        break;
      case 'server-stopped':
        this.others.delete(event.server);
        break;
      case 'presence': {
        let other = this.others.get(event.server);
        // Its users are unknown here (an update names only those who changed): asked for once this one is applied.
        const unknown = !other && !event.full;
        if (!other || event.full) {
          other = { heardAt: 0, users: new Map() };
          this.others.set(event.server, other);
        }
        other.heardAt = this.options.clock.now();
        for (const entry of event.users) {
          if (entry.sessions > 0) other.users.set(entry.nick.toLowerCase(), entry);
          else other.users.delete(entry.nick.toLowerCase());
        }
        if (unknown) this.publish({ type: 'presence-query', server: this.server, of: event.server });
        break;
      }
    }
  }

  /** Other servers that are up, as far as we know. */
  get count(): number {
    return this.others.size;
  }

  /** A user's sessions on the other servers, and their away message there (if any says one). */
  userElsewhere(nick: string): { sessions: number; away: string | null } {
    let sessions = 0;
    let away: string | null = null;
    if (this.others.size === 0) return { sessions, away };
    const key = nick.toLowerCase();
    for (const other of this.others.values()) {
      const entry = other.users.get(key);
      sessions += entry?.sessions ?? 0;
      away ??= entry?.away ?? null;
    }
    return { sessions, away };
  }

  /** A user went away or came back (`/away`, `/back`) on some server: so they show everywhere before the next heartbeat. */
  noteAway(nick: string, away: string | null): void {
    const key = nick.toLowerCase();
    for (const other of this.others.values()) {
      const entry = other.users.get(key);
      if (entry) other.users.set(key, { ...entry, away });
    }
  }

  /** Folded nicks online on other servers, and their sessions there in all. */
  elsewhere(): { users: Set<string>; sessions: number } {
    const users = new Set<string>();
    let sessions = 0;
    for (const other of this.others.values()) {
      for (const [key, entry] of other.users) {
        users.add(key);
        sessions += entry.sessions;
      }
    }
    return { users, sessions };
  }

  private heartbeat(): void {
    this.beats = (this.beats + 1) % FULL_LIST_EVERY;
    if (this.beats === 0) this.announce();
    else this.publish({ type: 'presence', server: this.server, users: [], full: false });
  }

  /** The whole list of this server's users. */
  private announce(): void {
    this.publish({ type: 'presence', server: this.server, users: this.options.local(), full: true });
  }

  private expire(): void {
    const oldest = this.options.clock.now() - MISSED_HEARTBEATS * this.options.heartbeatMs;
    for (const [server, other] of this.others) if (other.heardAt < oldest) this.others.delete(server);
  }

  private publish(event: PresenceEvent): void {
    this.options.bus.publish(event);
  }
}
