import type { Result } from 'ioredis';
import { FETCH, FOLD, UNINDEX } from './redis-lua.js';

/**
 * RedisStore's scripts for paging through history, editing and deleting messages
 * (conventions as in redis-scripts.ts, which adds these to the client with the others).
 */

/**
 * ARGV: prefix, 'before' or 'after', the bound as a score ('+inf', or '(<id>' for below or
 * above an id), limit > 0, then the names (without the prefix) of one or two sorted sets
 * of ids: a room's, or the two directions of a private conversation. Takes the nearest
 * `limit` ids beyond the bound from each and returns the nearest `limit` of them, nearest
 * first (newest first for 'before', oldest first for 'after').
 */
const PAGE = `${FETCH}
local p, direction, bound, limit = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local ids = {}
for i = 5, #ARGV do
  local found
  if direction == 'before' then
    found = redis.call('ZREVRANGEBYSCORE', p .. ARGV[i], bound, '-inf', 'LIMIT', 0, limit)
  else
    found = redis.call('ZRANGEBYSCORE', p .. ARGV[i], bound, '+inf', 'LIMIT', 0, limit)
  end
  for _, id in ipairs(found) do ids[#ids + 1] = tonumber(id) end
end
if direction == 'before' then table.sort(ids, function(a, b) return a > b end) else table.sort(ids) end
local page = {}
for j = 1, math.min(limit, #ids) do page[j] = string.format('%d', ids[j]) end
return fetch(p, page)
`;

/** Sets (or, with no quote, removes) the quote of every comment on message `id`. */
const REQUOTE = `
local function requote(p, id, quote)
  for _, comment in ipairs(redis.call('ZRANGE', p .. 'thread:' .. id, 0, -1)) do
    if quote then redis.call('HSET', p .. 'msg:' .. comment, 'quote', quote)
    else redis.call('HDEL', p .. 'msg:' .. comment, 'quote') end
  end
end
`;

/**
 * ARGV: prefix, id, text, editedAt, the quote of its comments from now on. The message as
 * it is now (a FETCH row), or an empty list if there is none.
 */
const EDIT = `${FETCH}${REQUOTE}
local p, id = ARGV[1], ARGV[2]
if redis.call('EXISTS', p .. 'msg:' .. id) == 0 then return {} end
redis.call('HSET', p .. 'msg:' .. id, 'text', ARGV[3], 'editedAt', ARGV[4])
requote(p, id, ARGV[5])
return fetch(p, { id })
`;

/**
 * ARGV: prefix, id. Deletes the message from every index, and the quote from its comments,
 * which stay. The message as it was (a FETCH row), or an empty list if there was none.
 */
const DELETE = `${FETCH}${FOLD}${UNINDEX}${REQUOTE}
local p, id = ARGV[1], ARGV[2]
local rows = fetch(p, { id })
if #rows == 0 then return {} end
requote(p, id, nil)
unindex(p, id)
redis.call('DECR', p .. 'message-count')
return rows
`;

export const MESSAGE_SCRIPTS = {
  chatLinePage: PAGE,
  chatLineEdit: EDIT,
  chatLineDelete: DELETE,
} as const;

type ScriptArg = string | number;

// As in redis-scripts.ts: ioredis's documented way to type commands added with defineCommand.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    chatLinePage(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineEdit(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineDelete(...args: ScriptArg[]): Result<unknown, Context>;
  }
}
