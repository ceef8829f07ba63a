import type { Viewer } from '../../chat/catch-up.js';
import type { OpaqueIds } from '../../chat/text/message-ids.js';
import type { MessageView } from '../../commands/command.js';
import { plural } from '../../util/text-layout.js';
import { viewerLines } from './catch-up.js';
import { searchPaint } from './colour.js';
import { infoLine } from './format.js';

type SearchView = Extract<MessageView, { kind: 'search' }>;

/**
 * A page of `/search` results, the words searched for highlighted on a colour terminal:
 *   -- search for "deploy friday": 2 messages, newest first:
 *   ...message lines...
 *   -- end of search; more: /search deploy friday --page 2
 */
export function searchLines(view: SearchView, ids: OpaqueIds, now: number, viewer: Viewer): string[] {
  const { results, page, next, query } = view;
  const what = `"${query}"${page > 1 ? `, page ${page}` : ''}`;
  const shown = viewerLines(results.messages, ids, now, viewer, searchPaint(results.words));
  if (shown.length === 0 && next === null) return [infoLine(page > 1 ? `no more messages found for ${what}` : `no messages found for ${what}`)];
  return [
    infoLine(`search for ${what}: ${plural(shown.length, 'message')}, newest first:`),
    ...shown,
    infoLine(next === null ? 'end of search' : `end of search; more: ${next}`),
  ];
}
