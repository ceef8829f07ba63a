import { randomBytes } from 'node:crypto';
import type { Logger } from '../../util/logger.js';
import { IRC_SERVER_NAME } from './irc-identity.js';
import { serializeIrcMessage, type IrcMessage } from './irc-message.js';
import { standardReply, standardReplyNotice } from './standard-replies.js';

const CRLF = '\r\n';
/** Verbs whose last parameter is a name, not text: written without ':' when it needs none. */
const NAME_LAST = new Set(['JOIN', 'PART', 'MODE', 'NICK', 'AUTHENTICATE', 'BATCH', 'ACK']);
const MIDDLE = /^[^\0\r\n :][^\0\r\n ]*$/;

/**
 * The replies to one labeled command (IRCv3 labeled-response), held until the command is
 * done: none is an ACK, one carries the label, more go in a `labeled-response` batch
 * (without the batch capability, unlabeled). A command whose answer is the echo of the
 * message it sent gets its label there instead.
 */
export class IrcResponse {
  private readonly messages: IrcMessage[] = [];
  private echoed = false;

  constructor(
    readonly label: string,
    private readonly batches: boolean,
  ) {}

  add(message: IrcMessage): void {
    this.messages.push(message);
  }

  /** The answer comes later, as the echo of a message, labeled then. */
  answeredLater(): void {
    this.echoed = true;
  }

  /** The bytes of the whole response. */
  end(log: Logger): Buffer {
    const { messages, label } = this;
    if (messages.length === 0) {
      return this.echoed ? Buffer.alloc(0) : IrcResponse.bytes({ tags: new Map([['label', label]]), source: IRC_SERVER_NAME, command: 'ACK', params: [] }, log);
    }
    // A reply that is one batch is labeled on its start (labeled-response).
    if (messages.length === 1 || (messages[0]?.command === 'BATCH' && messages.every((m) => m.tags?.has('batch') || m.command === 'BATCH'))) {
      const [first, ...rest] = messages as [IrcMessage, ...IrcMessage[]];
      return Buffer.concat([withTag(first, 'label', label), ...rest].map((m) => IrcResponse.bytes(m, log)));
    }
    if (!this.batches) return Buffer.concat(messages.map((m) => IrcResponse.bytes(m, log)));
    const id = randomBytes(6).toString('hex');
    return Buffer.concat([
      IrcResponse.bytes({ tags: new Map([['label', label]]), source: IRC_SERVER_NAME, command: 'BATCH', params: [`+${id}`, 'labeled-response'] }, log),
      // A message of a batch of its own (chathistory) stays in it; that batch's start is in this one.
      ...messages.map((m) => IrcResponse.bytes(m.tags?.has('batch') ? m : withTag(m, 'batch', id), log)),
      IrcResponse.bytes({ source: IRC_SERVER_NAME, command: 'BATCH', params: [`-${id}`] }, log),
    ]);
  }

  /**
   * One message as a line. A parameter a client sent that no line can carry in its place
   * (`JOIN :#a b` names a channel with a space) is shown as `*` rather than failing.
   */
  static bytes(message: IrcMessage, log: Logger): Buffer {
    // Text always after ':': some clients and bots read it only from there.
    const options = { forceTrailing: !NAME_LAST.has(message.command) };
    try {
      return Buffer.from(serializeIrcMessage(message, options) + CRLF);
    } catch (error) {
      log.debug('irc.unsendable_param', { command: message.command, error: String(error) });
      const last = message.params.length - 1;
      const params = message.params.map((p, i) => (i === last || MIDDLE.test(p) ? p : '*'));
      return Buffer.from(serializeIrcMessage({ ...message, params }, options) + CRLF);
    }
  }

  /** A FAIL with a code of chat-line's own, or the NOTICE that stands for it without standard-replies. */
  static failure(standardReplies: boolean, nick: string | undefined, code: string, text: string, command = '*'): IrcMessage {
    const reply = { type: 'FAIL' as const, command, code, description: text };
    return standardReplies ? standardReply(IRC_SERVER_NAME, reply) : standardReplyNotice(IRC_SERVER_NAME, nick ?? '*', reply);
  }
}

function withTag(message: IrcMessage, key: string, value: string): IrcMessage {
  return { ...message, tags: new Map([...(message.tags ?? []), [key, value]]) };
}
