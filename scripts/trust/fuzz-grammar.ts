import type { FuzzArgs } from './fuzz-args.js';
import type { Rng } from './prng.js';

type Production = readonly [weight: number, make: (a: FuzzArgs, rng: Rng) => string];

/**
 * The commands of the line protocol with random and hostile arguments, weighted roughly
 * like a busy chat that is also under attack. Aliases are used too, and now and then the
 * command name in odd case. Operator commands are included: the fuzz runs two operators.
 */
const PRODUCTIONS: readonly Production[] = [
  [14, (a) => a.text()],
  [2, (a) => `/say ${a.text()}`],
  [1, (a) => `//${a.text()}`],
  [8, (a, rng) => `/${rng.pick(['send', 'msg'])} ${a.nick(false)} ${a.text()}`],
  [1, (a) => `/send ${a.nick(false)}`],
  [5, (a) => `/chats ${a.room()}`],
  [1, () => '/chats'],
  [1, (a, rng) => `/chats ${a.room()} ${rng.pick(['--private', '--private', '--public', '--', '-p'])}`],
  [2, (a, rng) => `/${rng.pick(['leave', 'part'])} ${a.room()}`],
  [1, (_a, rng) => `/${rng.pick(['get_chats', 'rooms', 'list'])}`],
  [3, (a, rng) => `/${rng.pick(['who', 'names'])}${rng.chance(0.7) ? ` ${a.room()}` : ''}`],
  [2, (a) => `/whois ${a.nick(false)}`],
  [3, (a, rng) => `/me ${rng.chance(0.9) ? a.text() : ''}`],
  [2, (a, rng) => (rng.chance(0.7) ? `/away ${a.text()}` : '/away')],
  [1, () => '/back'],
  [2, (a, rng) => `/${rng.pick(['ignore', 'unignore'])}${rng.chance(0.9) ? ` ${a.nick(false)}` : ''}`],
  [1, (_a, rng) => `/${rng.pick(['color', 'colour'])} ${rng.pick(['on', 'off', 'maybe', ''])}`],
  [1, (a) => `/password ${a.wrongPassword()} ${a.wrongPassword()}`],
  [4, (a, rng) => `/history${rng.chance(0.8) ? ` ${a.count()}` : ''}`],
  [1, () => '/status'],
  [1, (_a, rng) => `/help${rng.chance(0.6) ? ` ${rng.pick(['send', 'upload', 'chats', 'nope', '/help', ''])}` : ''}`],
  [5, (a, rng) => `/${rng.pick(['comment', 'reply'])} ${a.messageId()} ${a.text()}`],
  [4, (a) => `/thread ${a.messageId()}`],
  [3, (a, rng) => `/${rng.pick(['schedule', 'later'])} ${a.when()} ${rng.chance(0.3) ? `@${a.nick(false)} ` : ''}${a.text()}`],
  [1, () => '/scheduled'],
  [2, (a) => `/cancel ${a.messageId()}`],
  [1, (a, rng) => `/${rng.pick(['ban', 'report'])} ${a.nick(true)}`],
  [2, (a) => `/invite ${a.room()} ${a.nick(false)}`],
  [1, (a, rng) => `/${rng.pick(['link', 'unlink'])} ${a.room()}`],
  [3, (a) => `/join ${a.link()}`],
  [1, (a) => `/requests ${a.room()}`],
  [2, (a, rng) => `/${rng.pick(['approve', 'deny'])} ${a.room()} ${a.nick(true)}`],
  // An operator's /kick <nick> drops every session of a fuzz user: rarer, or logins would dominate.
  [2, (a, rng) => (rng.chance(0.9) ? `/kick ${a.room()} ${a.nick(true)}` : `/kick ${a.nick(true)}`)],
  // Operator commands (and the same from non-operators).
  [1, (a) => `/mute ${a.nick(true)} ${a.duration()}`],
  [1, (a) => `/unmute ${a.nick(true)}`],
  [1, (a) => `/unban ${a.nick(true)}`],
  [1, (a, rng) => `/motd${rng.chance(0.7) ? ` ${a.text()}` : ''}`],
  [1, (a) => `/announce ${a.text()}`],
  [4, (a) => `/download ${a.fileId()}`],
  // /upload lines without the bytes: no size, or one the server cannot read as a size.
  [1, (a, rng) => `/upload ${rng.pick(['', 'name', `#${a.room()} x`, 'x -5', 'x 1e3', 'x 0x10', 'x 12abc', `@${a.nick(false)}`, '#general'])}`],
  [1, (a, rng) => `/login ${a.nick(false)} ${rng.word(8)}`],
  [2, (_a, rng) => `/${rng.word(rng.range(1, 12))}`],
  [1, (_a, rng) => rng.pick(['', ' ', '   ', '/', '/ ', '\t', '/SEND', '/Chats general', '/HELP', '/sEnD x y'])],
];

const TOTAL_WEIGHT = PRODUCTIONS.reduce((total, [weight]) => total + weight, 0);

/** One command line (without its line end). */
export function commandLine(args: FuzzArgs, rng: Rng): string {
  let roll = rng.next() * TOTAL_WEIGHT;
  for (const [weight, make] of PRODUCTIONS) {
    roll -= weight;
    if (roll < 0) return make(args, rng);
  }
  return '';
}
