/**
 * The SSH public keys bound to accounts: a user adds them (`/key add`) and logs in over
 * SSH with any of them. A key belongs to one account at most, so the key a client offers
 * names the account it may log in to. Part of ChatStore; held to spec/store/contract-keys.ts.
 */

/** One key of one user. */
export interface PublicKeyRecord {
  /** `SHA256:...` of the key blob, as `ssh-keygen -l` shows it: the key's identity here. */
  fingerprint: string;
  /** The owner, as given when the key was added. */
  nick: string;
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`... */
  type: string;
  /** The key blob, base64, as in an `authorized_keys` line. */
  blob: string;
  /** What the user called it (the comment of their line), possibly empty. */
  comment: string;
  addedAt: number;
}

export interface KeyStore {
  /** Binds a key to `key.nick`; false (and nothing changes) if a key with that fingerprint is bound already, to anyone. */
  addKey(key: PublicKeyRecord): Promise<boolean>;
  /** The keys of `nick` (any case), oldest first. */
  listKeys(nick: string): Promise<PublicKeyRecord[]>;
  /** The key with this fingerprint, whoever's it is. */
  findKey(fingerprint: string): Promise<PublicKeyRecord | undefined>;
  /** Unbinds a key of `nick`; false if `nick` has no key with this fingerprint. */
  removeKey(nick: string, fingerprint: string): Promise<boolean>;
}
