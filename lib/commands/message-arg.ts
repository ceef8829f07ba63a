import { ChatError } from '../chat/errors.js';
import type { OpaqueIds } from '../chat/message-ids.js';

/** A message id as shown in brackets (`hxdbrws` or `[hxdbrws]`), or INVALID_ARGUMENT. */
export function messageIdArg(input: string, ids: OpaqueIds): number {
  const id = ids.decode(input);
  if (id === undefined) throw new ChatError('INVALID_ARGUMENT', `"${input}" is not a message id: ids are the 7 characters in brackets on message lines, e.g. [hxdbrws].`);
  return id;
}
