import { createHash } from 'node:crypto';
import { loadSsh2 } from './ssh2-module.js';

/** `SHA256:` and the unpadded base64 of the key blob's SHA-256, as `ssh-keygen -l` shows a key. */
export function keyFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** A public key as a user gives it (`ssh-ed25519 AAAA... comment`), checked. */
export interface PublicKeyLine {
  /** `ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`... */
  readonly type: string;
  /** The key blob, as in the line (base64). */
  readonly blob: string;
  readonly fingerprint: string;
  readonly comment: string;
}

/** The key of a line of `~/.ssh/id_*.pub` or `authorized_keys` (without options); undefined if it is none. */
export async function parsePublicKeyLine(text: string): Promise<PublicKeyLine | undefined> {
  const words = text.trim().split(/\s+/);
  const [type, blob] = words;
  if (type === undefined || blob === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) return undefined;
  const parsed = (await loadSsh2()).utils.parseKey(`${type} ${blob}`);
  if (parsed instanceof Error || Array.isArray(parsed) || parsed.isPrivateKey()) return undefined;
  const raw = parsed.getPublicSSH();
  // A blob that says one type in its line and another inside it is not a key anyone made.
  if (parsed.type !== type) return undefined;
  return { type, blob: raw.toString('base64'), fingerprint: keyFingerprint(raw), comment: words.slice(2).join(' ').slice(0, 100) };
}
