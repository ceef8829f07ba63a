import type { SessionPort } from './session-port.js';

/** A logged-in user with one or more sessions. Rooms index users, users hold sessions. */
export interface OnlineUser {
  readonly nick: string;
  /**
   * Usually one: an array costs a connection less than a Set. Replaced, never changed in
   * place, so a loop handing out a message reaches every session even if one drops out.
   */
  sessions: readonly SessionPort[];
  /** Highest message id delivered to any of the sessions. */
  readCursor: number;
  /** The cursor as last written to storage. */
  persistedCursor: number;
  /** Lower-case nicks whose messages never reach this user (`/ignore`). */
  ignores: ReadonlySet<string>;
  /** The away message (`/away`), or null when present. */
  away: string | null;
  /** Id of the last message that mentioned this user: fan-out spots them with one comparison. */
  mentionedIn: number;
}

/** Most users ignore nobody: they share one empty set rather than holding a table each. */
const NO_IGNORES: ReadonlySet<string> = new Set();

export function ignoreSet(nicks: readonly string[]): ReadonlySet<string> {
  return nicks.length === 0 ? NO_IGNORES : new Set(nicks.map((nick) => nick.toLowerCase()));
}

/** What a user brings to their first session: whom they ignore. */
export type Profile = Pick<OnlineUser, 'ignores'>;
