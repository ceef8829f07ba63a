import type { Redis, Result } from 'ioredis';
import { MESSAGE_SCRIPTS } from './redis-message-scripts.js';
import { FETCH, FOLD, UNINDEX, WORD_INDEX } from './redis-lua.js';

/**
 * RedisStore's Lua scripts: each is one round trip and runs atomically. Every script gets
 * the key prefix as ARGV[1] and builds its keys from it (the key layout is in
 * redis-store.ts), because which keys a batch touches (`msg:<id>` of ids not yet assigned,
 * the rooms and nicks of its messages) is only known inside the script. That is fine on a
 * single Redis (or a replicated one); on Redis Cluster all keys would have to share one
 * slot, e.g. with a hash-tag prefix such as `{chat-line}:`.
 *
 * Ids and times cross into Lua as strings and are used as given (scores, field values),
 * except where a script must compare or add them; Lua's numbers are doubles, exact for
 * every integer a millisecond clock or an id counter reaches.
 */

/**
 * Why the store is not the one this server started on, or nil: 'gone' (no epoch: Redis
 * lost its data, restarted empty or flushed), 'replaced' (another epoch: reset and started
 * again meanwhile) or 'rolled-back <last>' (the id counter is below `floor`, an id this
 * server has seen: Redis lost its latest writes). See redis-epoch.ts.
 */
const STORE_PROBLEM = `
local function storeProblem(p, epoch, floor)
  local current = redis.call('GET', p .. 'epoch')
  if not current then return 'gone' end
  if current ~= epoch then return 'replaced' end
  local last = tonumber(redis.call('GET', p .. 'last-message-id') or '0')
  if floor and last < floor then return 'rolled-back ' .. string.format('%d', last) end
  return nil
end
`;

/** ARGV: prefix, epoch, floor. '' while the store is the one this server started on, else the problem. */
const CHECK_STORE = `${STORE_PROBLEM}
return storeProblem(ARGV[1], ARGV[2], tonumber(ARGV[3])) or ''
`;

/**
 * ARGV: prefix, epoch, floor (the highest id this server has seen), batch size, then per
 * message: room, fromKey, toKey, parentId, createdAt ('' for null), the number of hash
 * fields, and the fields and values (`words` among them: its search words, indexed here).
 * Stores nothing, failing with `STORE_RESET <problem>`,
 * unless the store is the one this server started on: after a loss its ids would start
 * again below ids every server has delivered (and be dropped as duplicates). Reserves the
 * ids with one INCRBY, so concurrent batches from any number of servers get distinct
 * ranges. Returns the first id; the batch has the ids that follow it, in order.
 */
const APPEND = `${STORE_PROBLEM}${WORD_INDEX}
local p = ARGV[1]
local problem = storeProblem(p, ARGV[2], tonumber(ARGV[3]))
if problem then return redis.error_reply('STORE_RESET ' .. problem) end
local n = tonumber(ARGV[4])
local last = redis.call('INCRBY', p .. 'last-message-id', n)
local first = last - n + 1
local i = 5
-- Counted once per sender of the batch.
local sent = {}
for num = first, last do
  -- %d, not tostring: a double is written as 1e+14 from 10^14 on.
  local id = string.format('%d', num)
  local room, fromKey, toKey, parentId, createdAt = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  local fields = tonumber(ARGV[i + 5])
  i = i + 6
  redis.call('HSET', p .. 'msg:' .. id, unpack(ARGV, i, i + 2 * fields - 1))
  i = i + 2 * fields
  indexWords(wordScopes(p, room, fromKey, toKey), id, redis.call('HGET', p .. 'msg:' .. id, 'words'), 'SADD')
  if room ~= '' then
    redis.call('ZADD', p .. 'room:' .. room, id, id)
    redis.call('ZADD', p .. 'room-created', createdAt, id)
  else
    redis.call('ZADD', p .. 'private:' .. fromKey, id, id)
    -- A note to oneself is listed once.
    if toKey ~= fromKey then redis.call('ZADD', p .. 'private:' .. toKey, id, id) end
    redis.call('ZADD', p .. 'dm:' .. fromKey .. ' ' .. toKey, id, id)
  end
  if parentId ~= '' then redis.call('ZADD', p .. 'thread:' .. parentId, id, id) end
  sent[fromKey] = (sent[fromKey] or 0) + 1
end
for fromKey, count in pairs(sent) do redis.call('HINCRBY', p .. 'sent-counts', fromKey, count) end
redis.call('INCRBY', p .. 'message-count', n)
return first
`;

/**
 * ARGV: prefix, nickKey, afterId, limit. Counts each source (the user's rooms above
 * max(afterId, sinceId), their private messages above afterId) with ZCOUNT, takes the
 * newest `limit` ids of each (the overall newest `limit` are among them), and fetches the
 * newest `limit` of those. Returns { total, rows newest first }.
 */
const UNREAD = `${FETCH}
local p, nickKey = ARGV[1], ARGV[2]
local after, limit = tonumber(ARGV[3]), tonumber(ARGV[4])
local total = 0
local candidates = {}
local function source(key, since)
  local above = '(' .. string.format('%d', since)
  total = total + redis.call('ZCOUNT', key, above, '+inf')
  if limit > 0 then
    for _, id in ipairs(redis.call('ZREVRANGEBYSCORE', key, '+inf', above, 'LIMIT', 0, limit)) do
      candidates[#candidates + 1] = tonumber(id)
    end
  end
end
local rooms = redis.call('HGETALL', p .. 'rooms-of:' .. nickKey)
for j = 1, #rooms, 2 do source(p .. 'room:' .. rooms[j], math.max(after, tonumber(rooms[j + 1]))) end
source(p .. 'private:' .. nickKey, after)
table.sort(candidates, function(a, b) return a > b end)
local page = {}
for j = 1, math.min(limit, #candidates) do page[j] = string.format('%d', candidates[j]) end
return { total, fetch(p, page) }
`;

/** ARGV: prefix, rootId. The comments, oldest first. */
const THREAD = `${FETCH}
local p = ARGV[1]
return fetch(p, redis.call('ZRANGE', p .. 'thread:' .. ARGV[2], 0, -1))
`;

/**
 * ARGV: prefix, then id, at pairs. The first delivery counts (HSETNX); an id never
 * assigned (or deleted) is skipped rather than created. Delivered private messages enter
 * the expiry index by delivery time.
 */
const MARK_DELIVERED = `
local p = ARGV[1]
for i = 2, #ARGV, 2 do
  local key = p .. 'msg:' .. ARGV[i]
  if redis.call('EXISTS', key) == 1 and redis.call('HSETNX', key, 'deliveredAt', ARGV[i + 1]) == 1
      and redis.call('HGET', key, 'kind') == 'private' then
    redis.call('ZADD', p .. 'private-delivered', ARGV[i + 1], ARGV[i])
  end
end
return 0
`;

/**
 * ARGV: prefix, roomBefore, privateBefore. Finds expired ids with a range of each expiry
 * index (O(log n + k)), takes them out of every index they are in and deletes them.
 * Returns the deleted ids (unsorted). Nicks are folded here as nickKey does: ASCII only,
 * byte by byte, whatever the locale.
 */
const DELETE_EXPIRED = `${FOLD}${WORD_INDEX}${UNINDEX}
local p = ARGV[1]
local roomRange = { p .. 'room-created', '-inf', '(' .. ARGV[2] }
local privateRange = { p .. 'private-delivered', '-inf', '(' .. ARGV[3] }
local deleted = {}
-- Before they go: each registered member's count of the expiring room messages they had
-- not read (id above their readCursor and their membership's sinceId).
local function countExpiredUnread(ids)
  local byRoom, any = {}, false
  for _, id in ipairs(ids) do
    local room = redis.call('HGET', p .. 'msg:' .. id, 'room')
    if room then
      byRoom[room] = byRoom[room] or {}
      table.insert(byRoom[room], tonumber(id))
      any = true
    end
  end
  if not any then return end
  for _, ids in pairs(byRoom) do table.sort(ids) end
  -- How many of the ascending ids are above from: by bisection, as the other stores count.
  local function above(ids, from)
    local lo, hi = 1, #ids + 1
    while lo < hi do
      local mid = math.floor((lo + hi) / 2)
      if ids[mid] > from then hi = mid else lo = mid + 1 end
    end
    return #ids - lo + 1
  end
  local counts = {}
  for _, value in ipairs(redis.call('HVALS', p .. 'memberships')) do
    local membership = cjson.decode(value)
    local ids = byRoom[membership.room]
    if ids then
      local nk = fold(membership.nick)
      local cursor = redis.call('HGET', p .. 'user:' .. nk, 'readCursor')
      if cursor then
        local n = above(ids, math.max(tonumber(cursor), tonumber(membership.sinceId) or 0))
        if n > 0 then counts[nk] = (counts[nk] or 0) + n end
      end
    end
  end
  for nk, n in pairs(counts) do redis.call('HINCRBY', p .. 'user:' .. nk, 'expiredUnread', n) end
end
countExpiredUnread(redis.call('ZRANGEBYSCORE', unpack(roomRange)))
local function drop(id)
  if unindex(p, id) then deleted[#deleted + 1] = id end
end
for _, range in ipairs({ roomRange, privateRange }) do
  local ids = redis.call('ZRANGEBYSCORE', unpack(range))
  if #ids > 0 then
    for _, id in ipairs(ids) do drop(id) end
    redis.call('ZREMRANGEBYSCORE', unpack(range))
  end
end
if #deleted > 0 then redis.call('DECRBY', p .. 'message-count', #deleted) end
return deleted
`;

/**
 * ARGV: prefix, epoch, nickKey, then the user hash's fields and values. 1 if created, 0 if
 * the nick is taken; `STORE_RESET <problem>` (and nothing created) if the store lost its
 * data, where every nick would look free.
 */
const CREATE_USER = `${STORE_PROBLEM}
local p, nickKey = ARGV[1], ARGV[3]
local problem = storeProblem(p, ARGV[2], nil)
if problem then return redis.error_reply('STORE_RESET ' .. problem) end
local key = p .. 'user:' .. nickKey
if redis.call('EXISTS', key) == 1 then return 0 end
redis.call('HSET', key, unpack(ARGV, 4))
redis.call('SADD', p .. 'users', nickKey)
return 1
`;

/** ARGV: prefix, nickKey, readCursor, lastSeenAt ('' = keep). The cursor only rises. */
const UPDATE_READ_STATE = `
local key = ARGV[1] .. 'user:' .. ARGV[2]
if redis.call('EXISTS', key) == 0 then return 0 end
if tonumber(ARGV[3]) > tonumber(redis.call('HGET', key, 'readCursor') or '0') then
  redis.call('HSET', key, 'readCursor', ARGV[3])
end
if ARGV[4] ~= '' then redis.call('HSET', key, 'lastSeenAt', ARGV[4]) end
return 1
`;

/**
 * ARGV: prefix, targetKey, reporterKey, report JSON. Stored as `[seq, report]` so that
 * reports filed at the same moment list in the order filed; seq = the hash's size, since
 * reports are only ever cleared all together. 1 if filed, 0 if already filed.
 */
const ADD_REPORT = `
local key = ARGV[1] .. 'reports:' .. ARGV[2]
if redis.call('HEXISTS', key, ARGV[3]) == 1 then return 0 end
redis.call('HSET', key, ARGV[3], '[' .. redis.call('HLEN', key) .. ',' .. ARGV[4] .. ']')
return 1
`;

/** ARGV: prefix, windowStart. Drops every counter window that started before it. */
const DELETE_COUNTERS_BEFORE = `
local p = ARGV[1]
local index = p .. 'counter-windows'
local before = '(' .. ARGV[2]
for _, start in ipairs(redis.call('ZRANGEBYSCORE', index, '-inf', before)) do
  redis.call('DEL', p .. 'counter:' .. start)
end
redis.call('ZREMRANGEBYSCORE', index, '-inf', before)
return 0
`;

/** ARGV: prefix, message JSON (without id). Returns the new id. */
const ADD_SCHEDULED = `
local p = ARGV[1]
local id = redis.call('INCR', p .. 'scheduled-last-id')
redis.call('HSET', p .. 'scheduled', id, ARGV[2])
return id
`;

const SCRIPTS = {
  chatLineCheckStore: CHECK_STORE,
  chatLineAppend: APPEND,
  chatLineUnread: UNREAD,
  chatLineThread: THREAD,
  chatLineMarkDelivered: MARK_DELIVERED,
  chatLineDeleteExpired: DELETE_EXPIRED,
  chatLineCreateUser: CREATE_USER,
  chatLineUpdateReadState: UPDATE_READ_STATE,
  chatLineAddReport: ADD_REPORT,
  chatLineDeleteCountersBefore: DELETE_COUNTERS_BEFORE,
  chatLineAddScheduled: ADD_SCHEDULED,
  ...MESSAGE_SCRIPTS,
} as const;

type ScriptArg = string | number;

// ioredis's documented way to type commands added with defineCommand. Replies are
// `unknown`: RedisStore checks their shape (redis-codec.ts) rather than trusting a cast.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    chatLineCheckStore(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineAppend(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineUnread(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineThread(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineMarkDelivered(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineDeleteExpired(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineCreateUser(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineUpdateReadState(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineAddReport(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineDeleteCountersBefore(...args: ScriptArg[]): Result<unknown, Context>;
    chatLineAddScheduled(...args: ScriptArg[]): Result<unknown, Context>;
  }
}

/**
 * Adds the scripts to a client. ioredis sends a script's source the first time it runs on
 * a connection and its SHA1 (EVALSHA) after that: one round trip either way.
 */
export function defineScripts(client: Redis): void {
  for (const [name, lua] of Object.entries(SCRIPTS)) client.defineCommand(name, { numberOfKeys: 0, lua });
}
