/** Lua functions that several of RedisStore's scripts start with (redis-scripts.ts, redis-message-scripts.ts). */

/** Returns the message hashes of `ids` (strings), each as a flat field/value list with `id` added; gone ones are skipped. */
export const FETCH = `
local function fetch(p, ids)
  local rows = {}
  for _, id in ipairs(ids) do
    local row = redis.call('HGETALL', p .. 'msg:' .. id)
    if #row > 0 then
      row[#row + 1] = 'id'
      row[#row + 1] = id
      rows[#rows + 1] = row
    end
  end
  return rows
end
`;

/** Folds a nick as nickKey does: ASCII only, byte by byte, whatever the locale. */
export const FOLD = `
local function fold(nick)
  return (string.gsub(nick, '[A-Z]', function(c) return string.char(string.byte(c) + 32) end))
end
`;

/**
 * Takes message `id` (a string) out of every index it is in and deletes its hash; true if
 * there was one. The indexes by time (room-created, private-delivered) too, for a message
 * deleted before it expires. Needs FOLD.
 */
export const UNINDEX = `
local function unindex(p, id)
  local key = p .. 'msg:' .. id
  local room, from, to, parentId = unpack(redis.call('HMGET', key, 'room', 'from', 'to', 'parentId'))
  if room then
    redis.call('ZREM', p .. 'room:' .. room, id)
    redis.call('ZREM', p .. 'room-created', id)
  end
  if to then
    redis.call('ZREM', p .. 'private:' .. fold(from), id)
    redis.call('ZREM', p .. 'private:' .. fold(to), id)
    redis.call('ZREM', p .. 'dm:' .. fold(from) .. ' ' .. fold(to), id)
    redis.call('ZREM', p .. 'private-delivered', id)
  end
  if parentId then redis.call('ZREM', p .. 'thread:' .. parentId, id) end
  return redis.call('DEL', key) == 1
end
`;
