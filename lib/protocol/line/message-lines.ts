import { BELL, COLOUR_PAINT, highlightLine } from './colour.js';
import { NO_PAINT, formatMessage, shownIdsOf, type ShownMessageIds } from './format.js';
import type { OpaqueIds } from '../../chat/message-ids.js';
import { nickWords } from '../../chat/mentions.js';
import { EOL } from './wire.js';
import type { MessageRecord } from '../../store/records.js';
import type { OnlineUser } from '../../chat/hub-session.js';

/**
 * The few ways one message can look on the wire, each encoded at most once however many
 * people receive it: plain or in colour, and for the users it mentions highlighted, with
 * the bell for a session that is in another room. Variants are built on first use, so a
 * message that mentions nobody online, read by nobody in colour, costs one format.
 */
export class MessageLines {
  /** The author, lower-cased, as ignore lists hold nicks. */
  readonly fromKey: string;
  /** Online users a room message mentions; never the author. Private messages are for their reader anyway. */
  readonly mentioned: ReadonlySet<OnlineUser>;
  /** Indexed by colour (1) + highlight (2) or highlight with bell (4). */
  private readonly encoded: (Buffer | undefined)[] = [];
  /** The formatted line, plain [0] and in colour [1]: highlights are built from it. */
  private readonly text: (string | undefined)[] = [];
  /** Its ids as shown, worked out with the first variant and shared by the others. */
  private shown: ShownMessageIds | undefined;

  constructor(
    private readonly message: MessageRecord,
    online: ReadonlyMap<string, OnlineUser>,
    private readonly ids: OpaqueIds,
  ) {
    this.fromKey = message.from.toLowerCase();
    const mentioned = new Set<OnlineUser>();
    for (const word of message.kind === 'room' ? nickWords(message.text) : []) {
      const user = word === this.fromKey ? undefined : online.get(word);
      if (user) mentioned.add(user);
    }
    this.mentioned = mentioned;
  }

  /** The bytes for one reader: `highlight` if it mentions them, `bell` if their session is elsewhere. */
  variant(colour: boolean, highlight = false, bell = false): Buffer {
    const index = (colour ? 1 : 0) + (highlight ? (bell ? 4 : 2) : 0);
    return (this.encoded[index] ??= this.build(colour, highlight, bell));
  }

  private build(colour: boolean, highlight: boolean, bell: boolean): Buffer {
    this.shown ??= shownIdsOf(this.message, this.ids);
    const line = (this.text[colour ? 1 : 0] ??= formatMessage(this.message, this.shown, undefined, colour ? COLOUR_PAINT : NO_PAINT));
    return Buffer.from((highlight ? highlightLine(line, colour) + (bell ? BELL : '') : line) + EOL);
  }
}
