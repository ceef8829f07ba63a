import { DEFAULT_ROOM } from '../chat/text/names.js';
import { formatSpan } from '../util/date-text.js';
import { formatSize } from '../util/units.js';
import type { CommandSpec } from './command.js';

/**
 * The limits a user meets, on one line: the chat-line client reads the file size from it
 * (`files up to 5 MB (5242880 bytes)`) so that it never sends a file that would be refused.
 */
export const limits: CommandSpec = {
  name: 'limits',
  params: [],
  usage: '/limits',
  summary: 'the largest file and line, the #general rate limit and how long messages are kept',
  details: ['Example:  /limits'],
  run(ctx) {
    const { maxFileBytes, maxLineBytes, rateLimit, rateWindowMs, messageTtlMs } = ctx.config;
    const rate = rateLimit > 0 ? `${rateLimit} messages per ${formatSpan(rateWindowMs)} to #${DEFAULT_ROOM}` : `no limit on messages to #${DEFAULT_ROOM}`;
    const kept = messageTtlMs > 0 ? `messages kept ${formatSpan(messageTtlMs)}` : 'messages kept for ever';
    ctx.info(`limits: files up to ${formatSize(maxFileBytes)} (${maxFileBytes} bytes); lines up to ${maxLineBytes} bytes; ${rate}; ${kept}`);
  },
};
