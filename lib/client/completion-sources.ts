import { stripVTControlCharacters } from 'node:util';
import { COMMANDS } from '../commands/index.js';
import { candidatesFor, type CompletionSources } from '../terminal/completion.js';
import { roomFromLine } from './server-text.js';

/** Every command and alias, with its slash, as the server of this version knows them. */
const COMMAND_NAMES = COMMANDS.flatMap((spec) => [spec.name, ...(spec.aliases ?? [])]).map((name) => `/${name}`);
/** Commands whose first argument is a room, so a bare word after them completes to a room. */
const ROOM_COMMANDS = COMMANDS.filter((spec) => /^\??room$/.test(spec.params[0] ?? '')).flatMap((spec) => [spec.name, ...(spec.aliases ?? [])].map((name) => `/${name}`));

/** A long session sees many names; past this many the oldest are forgotten. */
const MAX_NAMES = 2000;

// `[14:05] #dev [r2u6woy] <alice> hi`, `[14:05] #dev [r2u6woy] * alice waves`, `[14:05] (private) [r2u6woy] <alice -> bob> hi`
const MESSAGE = /^\[[^\]]+\] (?:#(\S+)|\(private\)) \[[0-9a-z]+\] (?:<([^\s>]+)(?: -> ([^\s>]+))?>|\* (\S+))/;
// `-- bob joined #dev`, `-- bob left #dev`
const MEMBERSHIP = /^-- (\S+) (?:joined|left) #(\S+)$/;
// `-- * #dev  2 members  1 online` (/get_chats), `-- * #dev` (/chats)
const ROOM_ROW = /^-- [* ] #(\S+)/;
// `-- welcome, alice! You are in #general.`
const WELCOME = /^-- welcome, ([^!\s]+)! You are in #(\S+?)\./;

/**
 * What Tab completes to in chat-line: the commands, and the nicks and rooms seen in what
 * the server has sent (messages, joins, room lists), newest kept when there are too many.
 */
export class SeenNames {
  private readonly nicks = new Set<string>();
  private readonly rooms = new Set<string>();

  learn(line: string): void {
    const plain = stripVTControlCharacters(line);
    const message = MESSAGE.exec(plain);
    if (message) {
      this.add(this.rooms, message[1]);
      this.add(this.nicks, message[2] ?? message[4]);
      this.add(this.nicks, message[3]);
      return;
    }
    const membership = MEMBERSHIP.exec(plain) ?? WELCOME.exec(plain);
    if (membership) {
      this.add(this.nicks, membership[1]);
      this.add(this.rooms, membership[2]);
      return;
    }
    this.add(this.rooms, ROOM_ROW.exec(plain)?.[1] ?? roomFromLine(plain));
  }

  sources(): CompletionSources {
    return { commands: COMMAND_NAMES, nicks: [...this.nicks], rooms: [...this.rooms], roomCommands: ROOM_COMMANDS };
  }

  private add(names: Set<string>, name: string | undefined): void {
    if (name === undefined) return;
    // Seen again: newest last, so the oldest go first.
    names.delete(name);
    names.add(name);
    if (names.size > MAX_NAMES) names.delete(names.values().next().value as string);
  }
}

/** readline's completer for `line`: the candidates for its last word, and that word. */
export function completeLine(line: string, sources: CompletionSources): [string[], string] {
  const word = /\S*$/.exec(line)?.[0] ?? '';
  const candidates = candidatesFor(line.slice(0, line.length - word.length), word, sources);
  // One fit is completed with a blank after it, as shells do.
  return [candidates.length === 1 ? [`${candidates[0] ?? ''} `] : candidates, word];
}
