import fc from 'fast-check';
import { TELNET } from '../../lib/protocol/line/telnet-codes.js';

const { IAC, SB, SE, WILL, DO, IP, EC, EL } = TELNET;

/**
 * Random bytes biased towards the ones the framer treats specially (line ends, NUL,
 * backspace, telnet commands, UTF-8 lead and continuation bytes), so that random input
 * actually exercises telnet sequences, line ends and editing.
 */
export function hostileBytes(maxLength: number): fc.Arbitrary<Buffer> {
  const interestingByte = fc.constantFrom(0x0a, 0x0d, 0x00, 0x08, 0x7f, IAC, SB, SE, WILL, DO, IP, EC, EL, 0xd0, 0xb6, 0xf0, 0x9f);
  return fc
    .array(fc.oneof({ arbitrary: fc.integer({ min: 0, max: 255 }), weight: 3 }, { arbitrary: interestingByte, weight: 2 }), { maxLength })
    .map((values) => Buffer.from(values));
}
