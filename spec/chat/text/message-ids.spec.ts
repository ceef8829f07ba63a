import { expect } from 'chai';
import fc from 'fast-check';
import { OpaqueIds, newIdSecret, shownIds } from '../../../lib/chat/text/message-ids.js';

const SECRET = 'a'.repeat(64);
const ids = new OpaqueIds(SECRET, 'message ids');
const SMALL_LIMIT = 2 ** 36;
const LARGE_LIMIT = 2 ** 52;

describe('opaque message ids', function () {
  it('turns every id back into itself, in both domains', function () {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 1, max: SMALL_LIMIT - 1 }), fc.integer({ min: SMALL_LIMIT, max: LARGE_LIMIT - 1 })), (id) => {
        expect(ids.decode(ids.encode(id))).to.equal(id);
      }),
      { numRuns: 2000 },
    );
    for (const id of [1, 2, 35, 36, 2 ** 18, SMALL_LIMIT - 1, SMALL_LIMIT, LARGE_LIMIT - 1]) expect(ids.decode(ids.encode(id))).to.equal(id);
  });

  it('shows 7 characters below 2^36 and 11 from there on, whatever the number', function () {
    for (const id of [1, 2, 999, 2 ** 20, SMALL_LIMIT - 1]) expect(ids.encode(id)).to.match(/^[0-9a-z]{7}$/);
    for (const id of [SMALL_LIMIT, 2 ** 40, LARGE_LIMIT - 1]) expect(ids.encode(id)).to.match(/^[0-9a-z]{11}$/);
  });

  it('gives different ids to different numbers (no two of the first 20,000 alike)', function () {
    const seen = new Set<string>();
    for (let id = 1; id <= 20_000; id++) seen.add(ids.encode(id));
    expect(seen.size).to.equal(20_000);
  });

  it('shows neither order nor distance: neighbours share no prefix and sort at random', function () {
    const shown = Array.from({ length: 1000 }, (_, i) => ids.encode(i + 1));
    const ascending = shown.filter((id, i) => i > 0 && id > shown[i - 1]!).length;
    // A sequence would give 999; random order about half.
    expect(ascending).to.be.within(400, 600);
    const samePrefix = shown.filter((id, i) => i > 0 && id.slice(0, 3) === shown[i - 1]!.slice(0, 3)).length;
    expect(samePrefix).to.be.below(5);
  });

  it('accepts brackets and upper case, as people copy ids from lines', function () {
    const id = ids.encode(12345);
    expect(ids.decode(`[${id}]`)).to.equal(12345);
    expect(ids.decode(id.toUpperCase())).to.equal(12345);
  });

  it('rejects what it never gave out', function () {
    for (const text of ['', '3f', '0', 'abcdef', 'abcdefgh', '0000000!', 'ab cdef', '[abcdefg', '-abcdef', 'zzzzzzz', 'zzzzzzzzzzz', '1.23456']) {
      expect(ids.decode(text), text).to.equal(undefined);
    }
    // The 11-character form of a number below 2^36 is not its form.
    const small = 4242;
    const wrongDomain = Array.from({ length: 200 }, (_, i) => (SMALL_LIMIT + i).toString(36).padStart(11, '0')).filter((text) => {
      const decoded = ids.decode(text);
      return decoded !== undefined && decoded < SMALL_LIMIT;
    });
    expect(wrongDomain).to.deep.equal([]);
    expect(ids.decode(ids.encode(small).padStart(11, '0'))).not.to.equal(small);
  });

  it('refuses to encode numbers that are no ids', function () {
    for (const id of [0, -1, 1.5, LARGE_LIMIT, Number.MAX_SAFE_INTEGER + 1, NaN]) expect(() => ids.encode(id), String(id)).to.throw(RangeError);
  });

  it('gives other ids under another secret, and no way back across secrets', function () {
    const other = new OpaqueIds(newIdSecret(), 'message ids');
    const numbers = Array.from({ length: 100 }, (_, i) => i + 1);
    const same = numbers.filter((n) => other.encode(n) === ids.encode(n));
    expect(same).to.deep.equal([]);
    expect(numbers.filter((n) => other.decode(ids.encode(n)) === n)).to.deep.equal([]);
  });

  it('keeps scheduled ids apart from message ids: their own prefix, and unrelated values', function () {
    const { messages, scheduled } = shownIds(SECRET);
    expect(messages.encode(7)).to.equal(ids.encode(7));
    expect(scheduled.encode(7)).to.match(/^s[0-9a-z]{7}$/);
    expect(scheduled.encode(7).slice(1)).not.to.equal(messages.encode(7));
    expect(scheduled.decode(scheduled.encode(7))).to.equal(7);
    expect(messages.decode(scheduled.encode(7))).to.equal(undefined);
    expect(scheduled.decode(messages.encode(7))).to.equal(undefined);
  });

  it('gives the same ids with its round values cached as without', function () {
    const cached = new OpaqueIds(SECRET, 'message ids', '', true);
    const numbers = [1, 2, 3, 2 ** 18 - 1, 2 ** 18, 123_456_789, SMALL_LIMIT - 1, SMALL_LIMIT, 2 ** 45];
    // Twice: worked out, then looked up.
    for (let pass = 0; pass < 2; pass++) {
      for (const n of numbers) {
        expect(cached.encode(n)).to.equal(ids.encode(n));
        expect(cached.decode(ids.encode(n))).to.equal(n);
      }
    }
  });

  it('makes a new random secret each time', function () {
    expect(newIdSecret()).to.match(/^[0-9a-f]{64}$/);
    expect(newIdSecret()).not.to.equal(newIdSecret());
  });
});
