/** Lua functions that several of RedisStore's scripts start with (redis-scripts.ts, redis-history-scripts.ts). */

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
