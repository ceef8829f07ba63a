import type { OpaqueIds } from '../chat/text/message-ids.js';
import { refuse } from '../chat/refusals.js';

/** A message id as shown in brackets (`hxdbrws` or `[hxdbrws]`), or INVALID_ARGUMENT. */
export function messageIdArg(input: string, ids: OpaqueIds): number {
  const id = ids.decode(input);
  if (id === undefined) throw refuse.notAMessageId(input);
  return id;
}
