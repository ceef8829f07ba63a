import { randomUUID } from 'node:crypto';
import type { Clock, Timer } from '../util/clock.js';
import type { EventBus, PresenceEntry, PresenceEvent } from './events.js';

/** How often each server of a cluster tells the others everyone online on it. */
export const PRESENCE_HEARTBEAT_MS = 10_000;
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
  /** This server's online users and their session counts, for the heartbeat. */
  local: () => PresenceEntry[];
  /** 0 = a single server: nothing is published and nobody else is online. */
  heartbeatMs: number;
}

/**
 * Who is online on the *other* servers of a cluster (the hub knows its own sessions). Each
 * server publishes a `presence` event when a user's session count on it changes, and every
 * `heartbeatMs` its whole list; a starting server asks the others for theirs at once. A
 * server that stops says so; one that dies (kill -9) falls silent, and after
 * MISSED_HEARTBEATS heartbeats without a word its users count as gone.
 */
export class ClusterPresence {
  /** This server's id on the bus. */
  readonly server = randomUUID();
  private readonly others = new Map<string, OtherServer>();
  private timer: Timer | undefined;

  constructor(private readonly options: ClusterPresenceOptions) {}

  private get enabled(): boolean {
    return this.options.heartbeatMs > 0;
  }

  start(): void {
    if (!this.enabled) return;
    const { clock, heartbeatMs } = this.options;
    this.publish({ type: 'presence-query', server: this.server });
    this.heartbeat();
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
        this.heartbeat();
        break;
      case 'server-stopped':
        this.others.delete(event.server);
        break;
      case 'presence': {
        let other = this.others.get(event.server);
        if (!other || event.full) {
          other = { heardAt: 0, users: new Map() };
          this.others.set(event.server, other);
        }
        other.heardAt = this.options.clock.now();
        for (const entry of event.users) {
          if (entry.sessions > 0) other.users.set(entry.nick.toLowerCase(), entry);
          else other.users.delete(entry.nick.toLowerCase());
        }
        break;
      }
    }
  }

  /** Other servers that are up, as far as we know. */
  get otherServers(): number {
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
