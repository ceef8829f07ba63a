import type { LineClient } from './line-client.js';

/** The id (as shown) of a message line: `[hxdbrws]` before the author. */
export function shownIdOf(line: string): string {
  return /\[([0-9a-z]{7})\] (<|\* )/.exec(line)?.[1] ?? '';
}

/** Sends `text` to the current room and returns the id of its line. */
export async function said(client: LineClient, text: string): Promise<string> {
  client.write(text);
  return shownIdOf(await client.waitFor(new RegExp(`> ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)));
}
