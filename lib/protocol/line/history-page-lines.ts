import type { Viewer } from '../../chat/catch-up.js';
import type { HistoryOf } from '../../chat/history.js';
import type { OpaqueIds } from '../../chat/text/message-ids.js';
import type { MessageView } from '../../commands/command.js';
import { plural } from '../../util/text-layout.js';
import { viewerLines } from './catch-up.js';
import { infoLine } from './format.js';

type PageView = Extract<MessageView, { kind: 'page' }>;

function whose(of: HistoryOf): string {
  return 'room' in of ? `#${of.room}` : `your conversation with ${of.with}`;
}

/** How the page is named on the /history line that gets the next one. */
function asTyped(of: HistoryOf): string {
  return 'room' in of ? `#${of.room}` : `@${of.with}`;
}

/**
 * A page of `/history`:
 *   -- history: 20 messages of #dev before [hxdbrws]:
 *   ...message lines...
 *   -- end of history; older: /history 20 --before q7m2vd1 #dev
 * The end line of a page that may have more next to it says how to get them.
 */
export function historyPageLines(view: PageView, ids: OpaqueIds, now: number, viewer: Viewer): string[] {
  const { page, from, count } = view;
  const where = from.kind === 'latest' ? '' : ` ${from.kind} [${ids.encode(from.id)}]`;
  const shown = viewerLines(page.messages, ids, now, viewer);
  if (shown.length === 0) {
    if (from.kind !== 'latest') return [infoLine(`no messages of ${whose(page.of)}${where}`)];
    return [infoLine('room' in page.of ? `no messages in #${page.of.room} yet` : `no messages with ${page.of.with} yet`)];
  }
  const first = page.messages[0];
  const last = page.messages[page.messages.length - 1];
  const full = page.messages.length >= count;
  const more: string[] = [];
  if (first && (from.kind === 'around' || (full && from.kind !== 'after'))) {
    more.push(`older: /history ${count} --before ${ids.encode(first.id)} ${asTyped(page.of)}`);
  }
  if (last && (from.kind === 'around' || (full && from.kind === 'after'))) {
    more.push(`newer: /history ${count} --after ${ids.encode(last.id)} ${asTyped(page.of)}`);
  }
  const heading = from.kind === 'latest' ? `last ${plural(shown.length, 'message')} of ${whose(page.of)}` : `${plural(shown.length, 'message')} of ${whose(page.of)}${where}`;
  return [infoLine(`history: ${heading}:`), ...shown, infoLine(['end of history', ...more].join('; '))];
}
