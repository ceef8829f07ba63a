import type ssh2 from 'ssh2';
import { ssh2Loaded } from '../../auth/ssh2-module.js';

/** The key in an SSH wire blob (what a client offers), able to verify its signatures; undefined if it is none. */
export function keyOfBlob(blob: Buffer): ssh2.ParsedKey | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  const type = blob.subarray(4, 4 + length).toString('latin1');
  if (!/^[\w@.-]+$/.test(type)) return undefined;
  const parsed = ssh2Loaded().utils.parseKey(`${type} ${blob.toString('base64')}`);
  return parsed instanceof Error || Array.isArray(parsed) ? undefined : parsed;
}
