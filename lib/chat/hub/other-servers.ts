import type { PresenceEntry, PresenceEvent } from './events.js';

/**
 * Who is online on the other servers of a cluster, as the hub needs to know it (the hub
 * knows its own sessions). lib/cluster/cluster-presence.ts keeps it from bus events; a
 * server alone uses ALONE.
 */
export interface OtherServers {
  start(): void;
  stop(): void;
  /** A user's number of sessions on this server changed (0: they left it). */
  changed(nick: string, sessions: number): void;
  apply(event: PresenceEvent): void;
  /** Other servers that are up. */
  readonly count: number;
  /** A user's sessions on the other servers, and their away message there. */
  userElsewhere(nick: string): { sessions: number; away: string | null };
  /** A user went away or came back on some server. */
  noteAway(nick: string, away: string | null): void;
  /** Folded nicks online on other servers, and their sessions there in all. */
  elsewhere(): { users: Set<string>; sessions: number };
}

/** Makes the OtherServers of a hub, given what it reports of its own users. */
export type OtherServersFactory = (local: () => PresenceEntry[]) => OtherServers;

/** One server alone: nobody is online anywhere else. */
export const ALONE: OtherServers = {
  start: () => undefined,
  stop: () => undefined,
  changed: () => undefined,
  apply: () => undefined,
  count: 0,
  userElsewhere: () => ({ sessions: 0, away: null }),
  noteAway: () => undefined,
  elsewhere: () => ({ users: new Set(), sessions: 0 }),
};
