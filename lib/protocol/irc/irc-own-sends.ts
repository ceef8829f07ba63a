import type { MessageRecord, NewMessage } from '../../store/records.js';

/** A message this session sent, not delivered back yet; `label` if its command had one (labeled-response). */
export interface OwnSend {
  readonly message: NewMessage;
  readonly label: string | undefined;
}

/** More than a session can have on their way at once (lib/session/line-queue.ts); past it the oldest go. */
const MAX_PENDING = 128;

/**
 * Which deliveries are this session's own messages coming back. The chat hands a message
 * to every session of its author; an IRC client sees its own only if it asked for
 * echo-message, while the author's other sessions (telnet, another client) always do. A
 * session's messages are stored and delivered in the order it sent them, after it learnt
 * what it sent, so they are matched here in that order.
 */
export class OwnSends {
  private pending: OwnSend[] = [];

  expect(message: NewMessage, label: string | undefined): OwnSend {
    const send = { message, label };
    this.pending.push(send);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
    return send;
  }

  /** It will not come (storing it failed). */
  forget(send: OwnSend): void {
    this.pending = this.pending.filter((p) => p !== send);
  }

  /** The send `message` is, taken off the list (with any older that never came back), or undefined if it is not this session's. */
  take(message: MessageRecord): OwnSend | undefined {
    if (this.pending.length === 0) return undefined;
    const at = this.pending.findIndex((p) => sameMessage(p.message, message));
    if (at < 0) return undefined;
    const send = this.pending[at];
    this.pending = this.pending.slice(at + 1);
    return send;
  }
}

function sameMessage(sent: NewMessage, stored: MessageRecord): boolean {
  return sent.createdAt === stored.createdAt && sent.kind === stored.kind && sent.room === stored.room && sent.to === stored.to && sent.text === stored.text && sent.from === stored.from;
}
