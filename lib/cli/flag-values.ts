import { parseDuration, parseSize } from '../util/units.js';

/**
 * Checks of flag values as typed (text), each throwing an Error that names the flag and
 * what it takes: `--port must be a whole number from 0 to 65535, got "abc"`.
 */

const NUMBER = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/;

/** A number as typed; NaN for text that is not one. */
function numberOf(value: string): number {
  return NUMBER.test(value) ? Number(value) : NaN;
}

/** A value as an error quotes it: a number bare, other text in quotes. */
function shown(value: string): string {
  return NUMBER.test(value) ? value.trim() : JSON.stringify(value);
}

export function integer(name: string, value: string, min: number, max: number): number {
  const n = numberOf(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, got ${shown(value)}`);
  }
  return n;
}

export function rate(name: string, value: string, max: number): number {
  const n = numberOf(value);
  if (!Number.isFinite(n) || n < 0 || n > max) {
    throw new Error(`--${name} must be a number from 0 to ${max} (0 = no limit), got ${shown(value)}`);
  }
  return n;
}

export function positive(name: string, value: string, max: number): number {
  const n = numberOf(value);
  if (!(n > 0) || n > max) throw new Error(`--${name} must be a number above 0 and at most ${max}, got ${shown(value)}`);
  return n;
}

export function size(name: string, text: string, min: number): number {
  const bytes = parseSize(text);
  if (bytes === undefined || bytes < min) throw new Error(`--${name} must be a size of at least ${min} bytes such as 4096 or 8kb, got "${text}"`);
  return bytes;
}

export function duration(name: string, text: string, { zeroIsOff = false } = {}): number {
  const ms = parseDuration(text);
  if (ms === undefined || (ms <= 0 && !(zeroIsOff && ms === 0))) {
    throw new Error(`--${name} must be a duration such as 90s, 10m or 4h${zeroIsOff ? ' (0 = off)' : ''}, got "${text}"`);
  }
  return ms;
}
