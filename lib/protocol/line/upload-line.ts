import { parseLine } from './parse-line.js';

/**
 * The wire form of a file upload:
 *
 *   /upload [#room|@nick] <name> <size>\r\n     (or \n)
 *   <exactly size raw bytes>
 *
 * The bytes follow the line at once; the client does not wait for an answer. The command
 * reads its arguments (lib/commands/upload-args.ts); the framer must know the size as soon
 * as the line ends, before the command runs, so that the bytes are never taken for lines.
 */
const SIZE_PATTERN = /^\d{1,15}$/;

/**
 * The byte count an `/upload` line announces, read the moment the line ends. Undefined for
 * any other line, including an /upload without a size: no bytes are expected after those.
 */
export function announcedUploadSize(line: string): number | undefined {
  const parsed = parseLine(line);
  if (parsed.type !== 'command' || parsed.name !== 'upload') return undefined;
  const words = parsed.rest.split(/\s+/);
  const size = words.length >= 2 ? words[words.length - 1] : undefined;
  return size !== undefined && SIZE_PATTERN.test(size) ? Number(size) : undefined;
}
