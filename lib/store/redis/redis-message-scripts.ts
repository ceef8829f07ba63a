import type { Result } from 'ioredis';
import { FETCH, FOLD, UNINDEX, WORD_INDEX } from './redis-lua.js';

/**
 * RedisStore's scripts for paging through history, editing and deleting messages
 * (conventions as in redis-scripts.ts, which adds these to the client with the others).
 */

/**
 * ARGV: prefix, 'newest' or 'oldest', min ('(<afterId>'), max ('(<beforeId>' or '+inf'),
 * limit > 0, then the names (without the prefix) of one or two sorted sets of ids: a
 * room's, or the two directions of a private conversation. Takes the `limit` ids nearest
 * that end of the range from each and returns the nearest `limit` of them, nearest first.
 */
const PAGE = `${FETCH}
local p, direction, min, max, limit = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
local ids = {}
for i = 6, #ARGV do
  local found
  if direction == 'newest' then
    found = redis.call('ZREVRANGEBYSCORE', p .. ARGV[i], max, min, 'LIMIT', 0, limit)
  else
    found = redis.call('ZRANGEBYSCORE', p .. ARGV[i], min, max, 'LIMIT', 0, limit)
  end
  for _, id in ipairs(found) do ids[#ids + 1] = tonumber(id) end
end
if direction == 'newest' then table.sort(ids, function(a, b) return a > b end) else table.sort(ids) end
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
 * ARGV: prefix, id, text, editedAt, the quote of its comments from now on, its search
 * words now. The message as it is now (a FETCH row), or an empty list if there is none.
 */
const EDIT = `${FETCH}${FOLD}${WORD_INDEX}${REQUOTE}
local p, id = ARGV[1], ARGV[2]
local key = p .. 'msg:' .. id
local room, from, to, words = unpack(redis.call('HMGET', key, 'room', 'from', 'to', 'words'))
if not from then return {} end
local scopes = wordScopes(p, room, fold(from), fold(to or from))
indexWords(scopes, id, words, 'SREM')
redis.call('HSET', key, 'text', ARGV[3], 'editedAt', ARGV[4], 'words', ARGV[6])
indexWords(scopes, id, ARGV[6], 'SADD')
requote(p, id, ARGV[5])
return fetch(p, { id })
`;

/**
 * ARGV: prefix, id. Deletes the message from every index, and the quote from its comments,
 * which stay. The message as it was (a FETCH row), or an empty list if there was none.
 */
const DELETE = `${FETCH}${FOLD}${WORD_INDEX}${UNINDEX}${REQUOTE}
local p, id = ARGV[1], ARGV[2]
local rows = fetch(p, { id })
if #rows == 0 then return {} end
requote(p, id, nil)
unindex(p, id)
redis.call('DECR', p .. 'message-count')
return rows
`;

/**
 * ARGV: prefix, expiredUpTo, fromKey, since, withKey ('' for none), the searcher's key,
 * offset, limit, the number of places, the places (`r:<room>`, `p:<nk>`), then the words. Per place, the ids
 * with every word are one SINTER of the word sets; then newest first, skipping what the
 * query leaves out (another sender, too old, expired, another conversation), `offset` are
 * skipped and `limit` fetched. The work is bounded by the messages stored in the places
 * searched (within the message lifetime) that have the rarest word. Returns { 1 if there
 * are more, rows newest first }.
 */
const SEARCH = `${FETCH}${FOLD}
local p, expired, fromKey, since, withKey, meKey = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6]
local offset, limit, places = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local words = { unpack(ARGV, 10 + places) }
local ids = {}
for i = 10, 9 + places do
  local keys = {}
  for j, word in ipairs(words) do keys[j] = p .. 'words:' .. ARGV[i] .. ':' .. word end
  for _, id in ipairs(redis.call('SINTER', unpack(keys))) do ids[#ids + 1] = tonumber(id) end
end
table.sort(ids, function(a, b) return a > b end)
local page, skipped, more = {}, 0, 0
for _, num in ipairs(ids) do
  local id = string.format('%d', num)
  local kind, from, to, createdAt, deliveredAt = unpack(redis.call('HMGET', p .. 'msg:' .. id, 'kind', 'from', 'to', 'createdAt', 'deliveredAt'))
  local wanted = kind ~= false
  if wanted and fromKey ~= '' and fold(from) ~= fromKey then wanted = false end
  if wanted and since and tonumber(createdAt) < since then wanted = false end
  if wanted and withKey ~= '' then
    local f, t = fold(from), fold(to or '')
    if not ((f == meKey and t == withKey) or (f == withKey and t == meKey)) then wanted = false end
  end
  if wanted and expired then
    local start = createdAt
    if kind == 'private' then start = deliveredAt end
    if start and tonumber(start) <= expired then wanted = false end
  end
  if wanted then
    if skipped < offset then skipped = skipped + 1
    elseif #page < limit then page[#page + 1] = id
    else more = 1 break end
  end
end
return { more, fetch(p, page) }
`;

export const MESSAGE_SCRIPTS = {
  chatLinePage: PAGE,
  chatLineEdit: EDIT,
  chatLineDelete: DELETE,
  chatLineSearch: SEARCH,
} as const;

type ScriptArg = string | number;

// As in redis-scripts.ts: ioredis's documented way to type commands added with defineCommand.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    chatLinePage(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineEdit(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineDelete(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineSearch(...args: ScriptArg[]): Result<unknown, Context>;
  }
}
