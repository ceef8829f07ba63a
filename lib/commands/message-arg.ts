import { ChatError } from '../protocol/errors.js';
import { parseShortId } from '../protocol/format.js';

/** A message id as shown in brackets (`3f` or `[3f]`), or INVALID_ARGUMENT. */
export function messageIdArg(input: string): number {
  const id = parseShortId(input);
  if (id === undefined) throw new ChatError('INVALID_ARGUMENT', `"${input}" is not a message id; ids are shown in brackets, e.g. [3f].`);
  return id;
}
