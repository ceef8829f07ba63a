import { cleanFileName } from '../chat/files/file-name.js';
import { sanitizeText } from '../chat/text/sanitize.js';

/**
 * The arguments of `/upload [#room|@nick] <name> <size>`. The size is the last word, the
 * target (if any) the first word starting with # or @, and the name is everything in
 * between, so names may contain spaces. (The bytes that follow the line are the front
 * end's: lib/protocol/line/upload-line.ts.)
 */
export const UPLOAD_USAGE = '/upload [#room|@nick] <name> <size>, then exactly <size> bytes';

export interface UploadRequest {
  /** Undefined: the current room. */
  target: { kind: 'room'; name: string } | { kind: 'user'; nick: string } | undefined;
  name: string;
  size: number;
}

/** The arguments of an `/upload` line whose size was announced; a string says what is wrong. */
export function parseUploadArgs(rest: string): UploadRequest | string {
  // Cleaned before it is split: \s takes the invisible separators (U+2028, U+FEFF...) for
  // spaces, which would leave gaps in the name where nothing was to be seen.
  const words = sanitizeText(rest).trim().split(/\s+/);
  const size = Number(words.pop());
  const first = words[0] ?? '';
  let target: UploadRequest['target'];
  if (first.startsWith('#')) target = { kind: 'room', name: first };
  else if (first.startsWith('@')) target = { kind: 'user', nick: first.slice(1) };
  const name = cleanFileName(words.slice(target ? 1 : 0).join(' '));
  if (name === undefined) return `The file needs a name. Usage: ${UPLOAD_USAGE}`;
  return { target, name, size };
}
