import type { KnownTargets } from './known-targets.js';
import type { Rng } from './prng.js';

const WORDS = ['hello', 'hi', 'ship', 'it', 'friday', 'the', 'build', 'is', 'green', 'lol', 'ok', 'and', 'привет', 'мир', '日本', '🙂', 'naïve'];

/** Pieces of text that have broken chat servers and terminals before. */
const HOSTILE_TEXT = [
  '\x1b[31mred\x1b[0m', '\x1b[2J\x1b[H', '\x1b]0;owned\x07', '\x1bP+q544e\x1b\\', '\x9b31m', '\x1b[6n', '\x1bc',
  '\u202eevil\u202c', '\u2066x\u2069', '\u200b', '\ufeff', 'a\u0301\u0301\u0301', '\ud800', '\udfff', '\u0000', '\x07', '\b\b\b',
  '\x7f', '\t', '%s%n%x', '${jndi:ldap://127.0.0.1/x}', "'; DROP TABLE messages; --", '<script>', '../../../etc/passwd',
  '*server*', '-- fake server line', 'ERROR FAKE: not from the server', '[12:00] #general [1] <admin> fake', '\\', '"', '//', '/',
  '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}', 'Z\u0351\u0352\u0353\u0354', '\uffff', '\ufffd',
];

/**
 * Random and hostile arguments for commands: mostly plausible ones (so the command gets
 * past its parser and does something), often malformed, sometimes extreme.
 */
export class FuzzArgs {
  constructor(
    private readonly rng: Rng,
    private readonly known: KnownTargets,
    private readonly maxLine: number,
  ) {}

  text(): string {
    const rng = this.rng;
    const roll = rng.next();
    if (roll < 0.45) return Array.from({ length: rng.range(1, 8) }, () => rng.pick(WORDS)).join(' ');
    if (roll < 0.75) {
      return Array.from({ length: rng.range(1, 6) }, () => (rng.chance(0.5) ? rng.pick(HOSTILE_TEXT) : rng.pick(WORDS))).join(rng.chance(0.8) ? ' ' : '');
    }
    if (roll < 0.85) return `@${this.nick(false)} ${rng.pick(WORDS)}`;
    if (roll < 0.95) return this.randomUnicode(rng.length(20, 200));
    // Around the line limit: just under, at, just over.
    return 'x'.repeat(Math.max(1, this.maxLine + rng.range(-64, 16)));
  }

  /** A nick; `harmful` commands (report, kick, mute) never name a watched user. */
  nick(harmful: boolean): string {
    const rng = this.rng;
    const roll = rng.next();
    if (roll < 0.55) return (rng.chance(0.2) ? '@' : '') + rng.pick(this.known.fuzzNicks);
    if (roll < 0.65 && !harmful) return rng.pick(this.known.watchedNicks);
    if (roll < 0.8) return `u${rng.word(rng.range(1, 8))}`;
    return rng.pick(['', '*server*', '0abc', 'a'.repeat(25), 'A'.repeat(24), 'bad nick', 'ник', '@', '@@x', '-', 'x\u0000y', '#general', this.randomUnicode(5)]);
  }

  /** A room name, with or without the `#`, valid or not. */
  room(): string {
    const rng = this.rng;
    const roll = rng.next();
    const hash = rng.chance(0.3) ? '#' : '';
    if (roll < 0.6) return hash + rng.pick(this.known.rooms);
    if (roll < 0.75) return `${hash}r${rng.word(rng.range(1, 10))}`;
    return rng.pick(['', '#', 'General', 'GENERAL', 'x'.repeat(33), 'a b', 'комната', '..', '../x', '#-', '_', this.randomUnicode(4)]);
  }

  /** A message id: one known to exist (maybe someone else's private one) or made up. */
  messageId(): string {
    const rng = this.rng;
    const known = rng.chance(0.6) ? this.known.messageId(rng) : undefined;
    if (known !== undefined) return known;
    return rng.pick([rng.int(2000).toString(36), rng.int(2000).toString(36), '0', '-1', 'zzzzzzzzzzzzzz', '9'.repeat(30), 'x y', '[3f]', '1e9', '0x10', '']);
  }

  fileId(): string {
    const rng = this.rng;
    const known = rng.chance(0.6) ? this.known.fileId(rng) : undefined;
    if (known !== undefined) return known;
    return rng.pick([rng.word(8), rng.word(rng.range(1, 40)), '../chat-line.db', '..', '.', '*', '%00', '']);
  }

  /** A send time for /schedule: in the near future (so some fire during the run), past, far or garbage. */
  when(): string {
    const rng = this.rng;
    const hhmm = `${String(rng.int(26)).padStart(2, '0')}:${String(rng.int(62)).padStart(2, '0')}`;
    return rng.pick([`+${rng.range(1, 20)}s`, `+${rng.range(1, 90)}s`, `+${rng.range(1, 59)}m`, '+0s', '-5m', '+99999999d', hhmm, '2026-12-24T18:00', '1999-01-01T00:00', '2026-02-30T25:61', 'now', 'tomorrow', '+', '+1x', '']);
  }

  duration(): string {
    return this.rng.pick(['30s', '10m', '1h', '0', '-1m', '99999999999h', 'forever', '1.5h', '']);
  }

  count(): string {
    const rng = this.rng;
    return rng.pick([String(rng.range(1, 50)), String(rng.range(1, 500)), '0', '-1', '500', '501', '99999999999999999999', 'abc', '1.5', '']);
  }

  link(): string {
    const rng = this.rng;
    const known = rng.chance(0.5) ? this.known.link(rng) : undefined;
    if (known !== undefined) return known;
    return rng.pick([`chat://127.0.0.1:8000/join/${rng.word(24)}`, rng.word(24), 'chat://', 'chat://x/join/', 'http://127.0.0.1/', '']);
  }

  /** A password that is not the account's (it must never be guessed). */
  wrongPassword(): string {
    return this.rng.pick([`wrong-${this.rng.word(6)}`, 'x', 'p'.repeat(257), 'pass word', '']);
  }

  randomUnicode(length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) {
      const plane = this.rng.next();
      const code = plane < 0.5 ? this.rng.range(0x20, 0x7e) : plane < 0.8 ? this.rng.range(0xa0, 0x2fff) : plane < 0.95 ? this.rng.range(0x3000, 0xfffd) : this.rng.range(0x10000, 0x10ffff);
      text += String.fromCodePoint(code);
    }
    return text;
  }
}
