import { expect } from 'chai';
import { bindArgs } from '../../../lib/commands/bind-args.js';
import { parseLine, type ParsedLine } from '../../../lib/protocol/line/parse-line.js';

describe('reading a typed line', function () {
  const cases: [string, ParsedLine][] = [
    ['', { type: 'empty' }],
    ['   ', { type: 'empty' }],
    ['hello', { type: 'message', text: 'hello' }],
    ['  hello there  ', { type: 'message', text: 'hello there' }],
    ['/get_chats', { type: 'command', name: 'get_chats', rest: '' }],
    ['/SEND bob hi there', { type: 'command', name: 'send', rest: 'bob hi there' }],
    ['/send   bob   spaced  out', { type: 'command', name: 'send', rest: 'bob   spaced  out' }],
    ['/send\tbob\thi', { type: 'command', name: 'send', rest: 'bob\thi' }],
    ['//etc is a path', { type: 'message', text: '/etc is a path' }],
    ['/', { type: 'message', text: '/' }],
    ['/ hello', { type: 'message', text: '/ hello' }],
    ['/чат привет', { type: 'command', name: '/чат'.slice(1), rest: 'привет' }],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)} as ${expected.type}`, function () {
      expect(parseLine(input)).to.deep.equal(expected);
    });
  }
});

describe('binding command arguments', function () {
  it('splits words and keeps the rest of the line for a trailing text argument', function () {
    expect(bindArgs(['nick', 'text...'], 'bob  hi   there ')).to.deep.equal({ ok: true, args: { nick: 'bob', text: 'hi   there' } });
  });
  it('reports the first missing required argument by name', function () {
    expect(bindArgs(['nick', 'text...'], 'bob')).to.deep.equal({ ok: false, missing: 'text' });
    expect(bindArgs(['nick', 'text...'], '')).to.deep.equal({ ok: false, missing: 'nick' });
  });
  it('leaves optional arguments undefined when absent', function () {
    expect(bindArgs(['?room'], '')).to.deep.equal({ ok: true, args: { room: undefined } });
    expect(bindArgs(['?room'], 'dev')).to.deep.equal({ ok: true, args: { room: 'dev' } });
  });
  it('refuses words a command does not take', function () {
    expect(bindArgs([], 'extra words')).to.deep.equal({ ok: false, extra: 'extra words' });
    expect(bindArgs(['room'], 'dev ops')).to.deep.equal({ ok: false, extra: 'ops' });
  });
  it('takes an optional rest-of-line argument', function () {
    expect(bindArgs(['?reason...'], 'gone for lunch')).to.deep.equal({ ok: true, args: { reason: 'gone for lunch' } });
  });
});
