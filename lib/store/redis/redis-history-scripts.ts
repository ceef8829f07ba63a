import type { Result } from 'ioredis';
import { FETCH } from './redis-lua.js';

/**
 * RedisStore's scripts for reading history page by page (conventions as in
 * redis-scripts.ts, which adds these to the client with the others).
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

export const HISTORY_SCRIPTS = {
  chatLinePage: PAGE,
} as const;

type ScriptArg = string | number;

// As in redis-scripts.ts: ioredis's documented way to type commands added with defineCommand.
declare module 'ioredis' {
  interface RedisCommander<Context> {
    chatLinePage(...args: ScriptArg[]): Result<unknown, Context>;
  }
}
