import { randomBytes, timingSafeEqual } from 'node:crypto';
import { scryptOffThread, type HashPriority } from './scrypt-pool.js';
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

/** Lengths a password may have, in UTF-16 units. */
export const MIN_PASSWORD = 1;
export const MAX_PASSWORD = 256;

/** Refuses a password too short or too long to be one (INVALID_ARGUMENT). */
export function checkPasswordLength(password: string): void {
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) throw refuse.passwordLength(MIN_PASSWORD, MAX_PASSWORD);
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: ScryptParams, priority: HashPriority): Promise<Buffer> {
  const options = { N: params.N, r: params.r, p: params.p, maxmem: 128 * params.N * params.r * 2 };
  return scryptOffThread({ password, salt, keyLength: KEY_LENGTH, options }, priority);
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT, priority: HashPriority = 'high'): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params, priority);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string, priority: HashPriority = 'high'): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) }, priority);
  return key.length === expected.length && timingSafeEqual(key, expected);
}
