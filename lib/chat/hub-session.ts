/**
 * What the hub sees of a connection: an id, who it is, and how to write to it. Keeping
 * this narrow keeps the hub free of sockets and easy to test.
 */
export interface HubSession {
  readonly id: number;
  /** The room this session's plain lines go to. */
  readonly currentRoom: string;
  /** Writes one line (the session adds the line end). */
  send(line: string): void;
  /** Writes an already encoded line, shared by all recipients of one message. */
  sendEncoded(encoded: Buffer): void;
  /** Ends the connection after telling the user why. */
  close(reason: string): void;
}

/** A logged-in user with one or more sessions. Rooms index users, users hold sessions. */
export interface OnlineUser {
  readonly nick: string;
  /**
   * Usually one: an array costs a connection less than a Set. Replaced, never changed in
   * place, so a loop handing out a message reaches every session even if one drops out.
   */
  sessions: readonly HubSession[];
  /** Highest message id delivered to any of the sessions. */
  readCursor: number;
  /** The cursor as last written to storage. */
  persistedCursor: number;
  /** Lower-case nicks whose messages never reach this user (`/ignore`). */
  ignores: ReadonlySet<string>;
  /** Wants ANSI colour (`/color on`). */
  color: boolean;
  /** The away message (`/away`), or null when present. */
  away: string | null;
  /** Id of the last message that mentioned this user: fan-out spots them with one comparison. */
  mentionedIn: number;
}
