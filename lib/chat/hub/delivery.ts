import type { MessageRecord } from '../../store/records.js';
import { shownIdsOf, type OpaqueIds, type ShownMessageIds } from '../text/message-ids.js';
import { RenderCache } from './render-cache.js';

/**
 * One stored message on its way to everyone online who may read it. What depends on the
 * message alone is worked out once here (its ids as shown); front ends keep the bytes they
 * make of it in the cache, once per way of showing it.
 */
export class Delivery extends RenderCache {
  /** The author, lower-cased, as ignore lists hold nicks. */
  readonly fromKey: string;
  private shownIds: ShownMessageIds | undefined;

  constructor(
    readonly message: MessageRecord,
    private readonly ids: OpaqueIds,
  ) {
    super();
    this.fromKey = message.from.toLowerCase();
  }

  /** Its ids as users see them, worked out on first use. */
  get shown(): ShownMessageIds {
    return (this.shownIds ??= shownIdsOf(this.message, this.ids));
  }
}
