/**
 * What the IRC-style features keep beyond accounts, rooms and messages: per-user settings
 * (password, ignore list, preferences such as colour), operator mutes and server-wide
 * settings (the message of the day). Part of ChatStore, so every store implements it and
 * the contract suite (spec/store/profile-contract.ts) holds them all to it.
 */

/** An operator's mute: `nick` may not send until `until`. */
export interface MuteRecord {
  nick: string;
  until: number;
  /** The operator who muted them. */
  by: string;
  createdAt: number;
}

export interface ProfileStore {
  /** Replaces a user's password hash; false (and nothing changes) for an unknown nick. */
  setPasswordHash(nick: string, passwordHash: string): Promise<boolean>;

  /** The nicks `nick` ignores, as given to addIgnore, in case-insensitive order. */
  listIgnores(nick: string): Promise<string[]>;
  /** False (and nothing changes) if `nick` already ignores `ignored`, in any case. */
  addIgnore(nick: string, ignored: string): Promise<boolean>;
  /** False if `nick` was not ignoring `ignored`. */
  removeIgnore(nick: string, ignored: string): Promise<boolean>;

  /** A user's preference (e.g. `color`), undefined when never set. */
  getPreference(nick: string, key: string): Promise<string | undefined>;
  setPreference(nick: string, key: string, value: string): Promise<void>;

  /** Every stored mute, expired ones included (the caller knows the time). */
  listMutes(): Promise<MuteRecord[]>;
  /** Adds the mute of `mute.nick`, or replaces the one they have. */
  saveMute(mute: MuteRecord): Promise<void>;
  /** False if `nick` had no mute. */
  deleteMute(nick: string): Promise<boolean>;

  /** A server-wide setting (e.g. `motd`), undefined when not set. */
  getSetting(key: string): Promise<string | undefined>;
  /** Sets a server-wide setting; null removes it. */
  setSetting(key: string, value: string | null): Promise<void>;
  /**
   * Sets a setting only if it has no value yet, atomically, and returns the value it has
   * then: of several servers starting at once, all get the value the first one stored.
   */
  setSettingIfAbsent(key: string, value: string): Promise<string>;
}
