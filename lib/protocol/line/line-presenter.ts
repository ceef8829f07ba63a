import type { Delivery } from '../../chat/hub/delivery.js';
import type { Notice, NoticeDelivery } from '../../chat/hub/notice.js';
import { BELL, COLOUR_PAINT, highlightLine, paintServerLine } from './colour.js';
import { NO_PAINT, formatMessage, infoLine } from './format.js';
import { EOL } from './wire.js';

/*
 * How the line protocol shows what the chat core delivers. Each message or notice is
 * rendered at most once per way it can look, in the cache it carries, and the same buffer
 * goes to every session that shows it that way.
 *
 * Slots of the render cache (lib/chat/hub/render-cache.ts): 0-5 the bytes of a message line,
 * colour (1) + highlighted (2) or highlighted with the bell (4); 6-7 the formatted text,
 * plain and coloured, which the highlighted variants are built from. A notice uses 0-1.
 */
const TEXT_SLOT = 6;
const NOTHING = Buffer.alloc(0);

/** The bytes of a message line for one reader: `highlight` if it mentions them, `bell` if their session is in another room. */
export function messageBytes(delivery: Delivery, colour: boolean, highlight: boolean, bell: boolean): Buffer {
  const slot = (colour ? 1 : 0) + (highlight ? (bell ? 4 : 2) : 0);
  return delivery.bytes(slot) ?? delivery.keep(slot, renderMessage(delivery, colour, highlight, bell));
}

function renderMessage(delivery: Delivery, colour: boolean, highlight: boolean, bell: boolean): Buffer {
  const textSlot = TEXT_SLOT + (colour ? 1 : 0);
  const line = delivery.text(textSlot) ?? delivery.keep(textSlot, formatMessage(delivery.message, delivery.shown, undefined, colour ? COLOUR_PAINT : NO_PAINT));
  return Buffer.from((highlight ? highlightLine(line, colour) + (bell ? BELL : '') : line) + EOL);
}

/** A notice as the `-- ` line the line protocol shows it as. */
export function noticeText(notice: Notice): string {
  switch (notice.kind) {
    case 'joined':
      return `${notice.nick} joined #${notice.room}`;
    case 'left':
      return `${notice.nick} left #${notice.room}`;
    case 'invited':
      return `${notice.by} invited ${notice.nick} to #${notice.room}`;
    case 'topic':
      return notice.text === null ? `${notice.by} cleared the topic of #${notice.room}` : `${notice.by} set the topic of #${notice.room}: ${notice.text}`;
    case 'kicked':
      return `${notice.nick} was removed from #${notice.room} by ${notice.by}`;
    case 'deleted':
      return `${notice.by} deleted [${notice.id}]${notice.room === null ? ' (private)' : ` in #${notice.room}`}`;
    case 'announcement':
      return `announcement from ${notice.from}: ${notice.text}`;
    case 'talking-in':
      return `now talking in #${notice.room}`;
    case 'away':
      return notice.away === null ? `${notice.nick} is back` : `${notice.nick} is away: ${notice.away}`;
    case 'server':
      return notice.text;
  }
}

/** The bytes of a notice, plain or in colour, made once for all who get it. */
export function noticeBytes(delivery: NoticeDelivery, colour: boolean): Buffer {
  // Away messages are shown when asked for (/who, /whois, a reply to /send), not as they
  // change; an invitation reaches its invitee as a stored notice from *server*.
  if (delivery.notice.kind === 'away' || delivery.notice.kind === 'invited') return NOTHING;
  const slot = colour ? 1 : 0;
  const cached = delivery.bytes(slot);
  if (cached) return cached;
  const line = infoLine(noticeText(delivery.notice));
  return delivery.keep(slot, Buffer.from((colour ? paintServerLine(line) : line) + EOL));
}
