import { parseLine } from './parse-line.js';
import { sanitizeText } from '../../chat/sanitize.js';

/**
 * The wire form of a file upload:
 *
 *   /upload [#room|@nick] <name> <size>\r\n     (or \n)
 *   <exactly size raw bytes>
 *
 * The bytes follow the line at once; the client does not wait for an answer. The size is
 * the last word, the target (if any) the first word starting with # or @, and the name is
 * everything in between, so names may contain spaces.
 */
export const UPLOAD_USAGE = '/upload [#room|@nick] <name> <size>, then exactly <size> bytes';

export interface UploadRequest {
  /** Undefined: the current room. */
  target: { kind: 'room'; name: string } | { kind: 'user'; nick: string } | undefined;
  name: string;
  size: number;
}

const SIZE_PATTERN = /^\d{1,15}$/;

/** Longest file name kept, in characters. */
const MAX_NAME_LENGTH = 200;

/**
 * The byte count an `/upload` line announces, read the moment the line ends (before it is
 * handled) so the bytes after it are never taken for lines. Undefined for any other line,
 * including an /upload without a size: no bytes are expected after those.
 */
export function announcedUploadSize(line: string): number | undefined {
  const parsed = parseLine(line);
  if (parsed.type !== 'command' || parsed.name !== 'upload') return undefined;
  const words = parsed.rest.split(/\s+/);
  const size = words.length >= 2 ? words[words.length - 1] : undefined;
  return size !== undefined && SIZE_PATTERN.test(size) ? Number(size) : undefined;
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

/**
 * A name safe to show and to save under: control characters removed, no directories, not
 * empty or `.`/`..`. Clients must still not trust it blindly (see the chat-line client).
 */
export function cleanFileName(input: string): string | undefined {
  const name = sanitizeText(input).replace(/[/\\]/g, '_').trim().slice(0, MAX_NAME_LENGTH).trim();
  return name === '' || name === '.' || name === '..' ? undefined : name;
}
