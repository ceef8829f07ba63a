import { sanitizeText } from '../text/sanitize.js';

/** Longest file name kept, in characters. */
const MAX_NAME_LENGTH = 200;

/**
 * A name safe to show and to save under: control characters removed, no directories, not
 * empty or `.`/`..`. Clients must still not trust it blindly (see the chat-line client).
 */
export function cleanFileName(input: string): string | undefined {
  const name = sanitizeText(input).replace(/[/\\]/g, '_').trim().slice(0, MAX_NAME_LENGTH).trim();
  return name === '' || name === '.' || name === '..' ? undefined : name;
}
