import type { MessageRecord, NewMessage, UserRecord } from '../records.js';
import { nickKey } from '../collation.js';
import { searchWords } from '../search-words.js';

/**
 * How RedisStore's records become Redis values and back, and checks on the shape of
 * replies (ioredis types them loosely; a wrong shape is a bug or a foreign key, and fails
 * loudly instead of spreading `undefined` around).
 */

// ---- messages: one hash per message; a null field is left out ------------------------

/** The script arguments for one message (see APPEND in redis-scripts.ts). */
export function appendArgs(message: NewMessage): string[] {
  const fields = ['kind', message.kind, 'from', message.from, 'text', message.text, 'createdAt', String(message.createdAt)];
  if (message.room !== null) fields.push('room', message.room);
  if (message.to !== null) fields.push('to', message.to);
  if (message.parentId !== null) fields.push('parentId', String(message.parentId));
  if (message.quote !== null) fields.push('quote', message.quote);
  // Kept with the message so that the scripts can take it out of the search index (Lua knows no Unicode).
  const words = searchWords(message.text).join(' ');
  if (words !== '') fields.push('words', words);
  return [
    message.room ?? '',
    nickKey(message.from),
    message.to === null ? '' : nickKey(message.to),
    message.parentId === null ? '' : String(message.parentId),
    String(message.createdAt),
    String(fields.length / 2),
    ...fields,
  ];
}

/** A message hash (with `id` among its fields, or given) as a record; undefined for a missing (empty) hash. */
export function toMessage(fields: Record<string, string>, id?: number): MessageRecord | undefined {
  if (Object.keys(fields).length === 0) return undefined;
  const kind = fields.kind;
  if (kind !== 'room' && kind !== 'private') throw badReply('a message hash', fields);
  return {
    id: id ?? requiredNumber(fields, 'id'),
    kind,
    parentId: optionalNumber(fields, 'parentId'),
    quote: fields.quote ?? null,
    room: fields.room ?? null,
    from: required(fields, 'from'),
    to: fields.to ?? null,
    text: required(fields, 'text'),
    createdAt: requiredNumber(fields, 'createdAt'),
    deliveredAt: optionalNumber(fields, 'deliveredAt'),
    editedAt: optionalNumber(fields, 'editedAt'),
  };
}

/** A script's list of flat field/value rows (FETCH in redis-scripts.ts) as records, in the order given. */
export function toMessages(reply: unknown): MessageRecord[] {
  return asArray(reply, 'message rows').flatMap((row) => {
    const message = toMessage(pairs(row));
    return message ? [message] : [];
  });
}

// ---- users: one hash per user ---------------------------------------------------------

export function userFields(user: UserRecord): string[] {
  const fields = [
    'nick',
    user.nick,
    'passwordHash',
    user.passwordHash,
    'createdAt',
    String(user.createdAt),
    'readCursor',
    String(user.readCursor),
  ];
  if (user.lastSeenAt !== null) fields.push('lastSeenAt', String(user.lastSeenAt));
  return fields;
}

export function toUser(fields: Record<string, string>): UserRecord | undefined {
  if (Object.keys(fields).length === 0) return undefined;
  return {
    nick: required(fields, 'nick'),
    passwordHash: required(fields, 'passwordHash'),
    createdAt: requiredNumber(fields, 'createdAt'),
    lastSeenAt: optionalNumber(fields, 'lastSeenAt'),
    readCursor: requiredNumber(fields, 'readCursor'),
  };
}

// ---- replies --------------------------------------------------------------------------

export function asArray(reply: unknown, what: string): unknown[] {
  if (!Array.isArray(reply)) throw badReply(what, reply);
  return reply as unknown[];
}

export function asInteger(reply: unknown, what: string): number {
  const value = typeof reply === 'string' ? Number(reply) : reply;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badReply(what, reply);
  return value;
}

/** A string reply that may be nil (GET, HGET): 0 for nil. */
export function asCount(reply: string | null, what: string): number {
  return reply === null ? 0 : asInteger(reply, what);
}

/** A flat [field, value, ...] list (HGETALL inside a script) as an object. */
export function pairs(reply: unknown): Record<string, string> {
  const list = asArray(reply, 'a field list');
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < list.length; i += 2) {
    const [field, value] = [list[i], list[i + 1]];
    if (typeof field !== 'string') throw badReply('a field list', reply);
    fields[field] = typeof value === 'number' ? String(value) : asString(value, 'a field value');
  }
  return fields;
}

export function asString(reply: unknown, what: string): string {
  if (typeof reply !== 'string') throw badReply(what, reply);
  return reply;
}

/** A record stored as JSON (callers say which), or undefined for a missing key or field. */
export function parsed(json: string | null): unknown {
  return json === null ? undefined : JSON.parse(json);
}

/** The replies of a MULTI ... EXEC, each checked for an error. */
export function execReplies(results: [Error | null, unknown][] | null, what: string): unknown[] {
  if (results === null) throw new Error(`Redis discarded the transaction for ${what}`);
  return results.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}

function required(fields: Record<string, string>, name: string): string {
  const value = fields[name];
  if (value === undefined) throw badReply(`a hash with "${name}"`, fields);
  return value;
}

function requiredNumber(fields: Record<string, string>, name: string): number {
  return toNumber(required(fields, name), name, fields);
}

function optionalNumber(fields: Record<string, string>, name: string): number | null {
  const value = fields[name];
  return value === undefined ? null : toNumber(value, name, fields);
}

function toNumber(text: string, name: string, fields: Record<string, string>): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) throw badReply(`a number in "${name}"`, fields);
  return value;
}

function badReply(what: string, reply: unknown): Error {
  const shown = reply === undefined ? 'nothing' : JSON.stringify(reply);
  return new Error(`unexpected reply from Redis for ${what}: ${shown.length > 200 ? `${shown.slice(0, 200)}...` : shown}`);
}
