import { randomBytes, timingSafeEqual } from 'node:crypto';
import { HashingBusy, type HashPriority, type ScryptPool } from './scrypt-pool.js';
import { refuse } from '../chat/refusals.js';

/**
 * Passwords are hashed with scrypt (memory-hard) and a per-user random salt, on
 * low-priority threads of their own (scrypt-pool.ts), so hashing never blocks the event loop.
 * Stored as `scrypt$N$r$p$salt$hash` (base64) so parameters can be raised later.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** Lengths a password may have, in UTF-16 units: any password, old ones included. */
export const MIN_PASSWORD = 1;
export const MAX_PASSWORD = 256;
/** The shortest new password by default (`--min-password-length`), as NIST SP 800-63B asks. */
export const DEFAULT_MIN_NEW_PASSWORD = 8;

/** Refuses a password too short or too long to be one (INVALID_ARGUMENT). */
export function checkPasswordLength(password: string): void {
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) throw refuse.passwordLength(MIN_PASSWORD, MAX_PASSWORD);
}

/** A password being chosen (registration, /password) must also be at least `min` long (PASSWORD_TOO_SHORT). */
export function checkNewPassword(password: string, min: number): void {
  checkPasswordLength(password);
  if (password.length < min) throw refuse.passwordTooShort(min);
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

/** Hashes new passwords with `params` and checks passwords against stored hashes, on the pool's threads. */
export class PasswordHasher {
  constructor(
    private readonly pool: ScryptPool,
    private readonly params: ScryptParams = DEFAULT_SCRYPT,
  ) {}

  async hash(password: string, priority: HashPriority = 'high'): Promise<string> {
    const { N, r, p } = this.params;
    const salt = randomBytes(16);
    const key = await this.derive(password, salt, this.params, priority);
    return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  /** Checks against the parameters stored with the hash, whatever they were when it was made. */
  async verify(password: string, stored: string, priority: HashPriority = 'high'): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
    const expected = Buffer.from(hash, 'base64');
    const key = await this.derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) }, priority);
    return key.length === expected.length && timingSafeEqual(key, expected);
  }

  private derive(password: string, salt: Buffer, params: ScryptParams, priority: HashPriority): Promise<Buffer> {
    const options = { N: params.N, r: params.r, p: params.p, maxmem: 128 * params.N * params.r * 2 };
    return this.pool.run({ password, salt, keyLength: KEY_LENGTH, options }, priority).catch((error: unknown) => {
      throw error instanceof HashingBusy ? refuse.serverBusy(error.waitMs) : error;
    });
  }
}
