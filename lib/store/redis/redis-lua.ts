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
 * The search index (SEARCH in redis-message-scripts.ts): a set of message ids per word and per place, where a
 * place is a room (`words:r:<room>:<word>`) or the private messages of one user
 * (`words:p:<nk>:<word>`, a private message is in both its users'). `wordScopes` gives
 * the key prefixes of a message's places (room '' or false for a private one);
 * `indexWords` runs SADD or SREM for each of its words (space-separated) in each.
 */
export const WORD_INDEX = `
local function wordScopes(p, room, fromKey, toKey)
  if room and room ~= '' then return { p .. 'words:r:' .. room .. ':' } end
  local scopes = { p .. 'words:p:' .. fromKey .. ':' }
  if toKey ~= fromKey then scopes[2] = p .. 'words:p:' .. toKey .. ':' end
  return scopes
end
local function indexWords(scopes, id, words, command)
  if not words then return end
  for word in string.gmatch(words, '%S+') do
    for _, scope in ipairs(scopes) do redis.call(command, scope .. word, id) end
  end
end
`;

/**
 * Takes message `id` (a string) out of every index it is in and deletes its hash; true if
 * there was one. The indexes by time (room-created, private-delivered) too, for a message
 * deleted before it expires. Needs FOLD and WORD_INDEX.
 */
export const UNINDEX = `
local function unindex(p, id)
  local key = p .. 'msg:' .. id
  local room, from, to, parentId, words = unpack(redis.call('HMGET', key, 'room', 'from', 'to', 'parentId', 'words'))
  if from then indexWords(wordScopes(p, room, fold(from), fold(to or from)), id, words, 'SREM') end
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
