/**
 * Lines → commands, as a pure function. A line starting with `/` is a command (name
 * lower-cased, the rest kept verbatim for the command to split); `//text` sends `/text`
 * as a message; anything else is a message to the current room.
 */
export type ParsedLine =
  | { type: 'empty' }
  | { type: 'message'; text: string }
  | { type: 'command'; name: string; rest: string };

export function parseLine(raw: string): ParsedLine {
  const line = raw.trim();
  if (line === '') return { type: 'empty' };
  if (!line.startsWith('/')) return { type: 'message', text: line };
  if (line.startsWith('//')) return { type: 'message', text: line.slice(1) };
  const space = line.search(/\s/);
  const name = (space === -1 ? line.slice(1) : line.slice(1, space)).toLowerCase();
  const rest = space === -1 ? '' : line.slice(space).trim();
  if (name === '') return { type: 'message', text: line };
  return { type: 'command', name, rest };
}
