import type { MessageRecord } from '../store/records.js';
import { nickWords } from './mentions.js';
import { shownIdsOf, type OpaqueIds, type ShownMessageIds } from './message-ids.js';
import { RenderCache } from './render-cache.js';
import type { OnlineUser } from './session-port.js';

/**
 * One stored message on its way to everyone online who may read it. What depends on the
 * message alone is worked out once here: who it mentions, its ids as shown; front ends keep
 * the bytes they make of it in the cache, once per way of showing it.
 */
export class Delivery extends RenderCache {
  /** The author, lower-cased, as ignore lists hold nicks. */
  readonly fromKey: string;
  /** Online users a room message mentions; never the author. Private messages are for their reader anyway. */
  readonly mentioned: ReadonlySet<OnlineUser>;
  private shownIds: ShownMessageIds | undefined;

  constructor(
    readonly message: MessageRecord,
    online: ReadonlyMap<string, OnlineUser>,
    private readonly ids: OpaqueIds,
  ) {
    super();
    this.fromKey = message.from.toLowerCase();
    const mentioned = new Set<OnlineUser>();
    for (const word of message.kind === 'room' ? nickWords(message.text) : []) {
      const user = word === this.fromKey ? undefined : online.get(word);
      if (user) mentioned.add(user);
    }
    this.mentioned = mentioned;
  }

  /** Its ids as users see them, worked out on first use. */
  get shown(): ShownMessageIds {
    return (this.shownIds ??= shownIdsOf(this.message, this.ids));
  }
}
