import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type ssh2 from 'ssh2';
import { ssh2Loaded } from '../../auth/ssh2-module.js';
import { makeDirectorySync } from '../../util/make-directory.js';
import { keyFingerprint } from '../../auth/public-key.js';

/** Where the host key is kept when `--ssh-host-key` names none. */
export const HOST_KEY_FILE = 'ssh_host_ecdsa_key';

export interface HostKey {
  /** The private key, as ssh2 takes it. */
  readonly key: Buffer;
  /** `SHA256:...` as `ssh-keygen -lf` and the ssh client show it. */
  readonly fingerprint: string;
  readonly file: string;
  /** Made at this start (there was none in the data directory). */
  readonly generated: boolean;
}

function failure(message: string, cause: unknown): Error {
  return new Error(`${message}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
}

/** The fingerprint of a private key's public half; throws when the text is no usable unencrypted private key. */
function fingerprintOf(key: Buffer): string {
  const parsed = ssh2Loaded().utils.parseKey(key);
  if (parsed instanceof Error) throw parsed;
  const first = Array.isArray(parsed) ? (parsed[0] as ssh2.ParsedKey | undefined) : parsed;
  if (!first?.isPrivateKey()) throw new Error('not a private key');
  return keyFingerprint(first.getPublicSSH());
}

/**
 * The server's SSH identity. `file` given (`--ssh-host-key`): read it, or fail naming the
 * flag. Otherwise the key kept in the data directory, made (ECDSA P-256, mode 0600) on the
 * first start and the same ever after, so that clients can check the fingerprint once.
 */
export function loadHostKey(file: string | null, dataDir: string): HostKey {
  if (file !== null) {
    let key: Buffer;
    try {
      key = fs.readFileSync(file);
    } catch (error) {
      throw failure(`cannot read --ssh-host-key ${file}`, error);
    }
    try {
      return { key, fingerprint: fingerprintOf(key), file, generated: false };
    } catch (error) {
      throw failure(`--ssh-host-key ${file} is not an unencrypted OpenSSH or PEM private key`, error);
    }
  }
  const kept = path.join(dataDir, HOST_KEY_FILE);
  let generated = false;
  try {
    makeDirectorySync(dataDir);
    // ECDSA P-256 by Node's own crypto (ssh2's Ed25519 generator drops a leading zero byte now and then).
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'sec1', format: 'pem' });
    // `wx`: a key already there (or written by another server of the cluster a moment ago) is kept.
    fs.writeFileSync(kept, pem, { mode: 0o600, flag: 'wx' });
    generated = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw failure(`cannot write the SSH host key ${kept}`, error);
  }
  let key: Buffer;
  try {
    key = fs.readFileSync(kept);
    return { key, fingerprint: fingerprintOf(key), file: kept, generated };
  } catch (error) {
    throw failure(`cannot use the SSH host key ${kept} (remove it to have a new one made, or give --ssh-host-key)`, error);
  }
}
