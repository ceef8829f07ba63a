import { expect } from 'chai';
import fc from 'fast-check';
import {
  escapeTagValue,
  IrcParseError,
  parseIrcLine,
  serializeIrcMessage,
  unescapeTagValue,
  type IrcMessage,
  type IrcParseErrorCode,
  type ParsedIrcMessage,
} from '../../../lib/protocol/irc/irc-message.js';
import { IRC_TAGS_BYTES } from '../../../lib/protocol/irc/limits.js';

interface Atoms {
  tags?: Record<string, string>;
  source?: string;
  command: string;
  params?: string[];
}

/** The parse result in the shape of the table below, so a failure shows a readable diff. */
function atomsOf(result: ParsedIrcMessage | IrcParseError): Atoms | IrcParseError {
  if (result instanceof IrcParseError) return result;
  const atoms: Atoms = { command: result.command };
  if (result.tags.size > 0) atoms.tags = Object.fromEntries(result.tags);
  if (result.source !== undefined) atoms.source = result.source;
  if (result.params.length > 0) atoms.params = result.params;
  return atoms;
}

function messageOf(atoms: Atoms): IrcMessage {
  return {
    tags: new Map(Object.entries(atoms.tags ?? {})),
    ...(atoms.source === undefined ? {} : { source: atoms.source }),
    command: atoms.command,
    params: atoms.params ?? [],
  };
}

// Most cases follow the public-domain (CC0) ircdocs parser-tests, msg-split.yaml.
const splitCases: [string, Atoms][] = [
  ['foo bar baz asdf', { command: 'foo', params: ['bar', 'baz', 'asdf'] }],
  [':coolguy foo bar baz asdf', { source: 'coolguy', command: 'foo', params: ['bar', 'baz', 'asdf'] }],
  ['foo bar baz :asdf quux', { command: 'foo', params: ['bar', 'baz', 'asdf quux'] }],
  ['foo bar baz :', { command: 'foo', params: ['bar', 'baz', ''] }],
  ['foo bar baz ::asdf', { command: 'foo', params: ['bar', 'baz', ':asdf'] }],
  [':coolguy foo bar baz :  asdf quux ', { source: 'coolguy', command: 'foo', params: ['bar', 'baz', '  asdf quux '] }],
  [':coolguy PRIVMSG bar :lol :) ', { source: 'coolguy', command: 'PRIVMSG', params: ['bar', 'lol :) '] }],
  [':coolguy foo bar baz :  ', { source: 'coolguy', command: 'foo', params: ['bar', 'baz', '  '] }],
  ['@a=b;c=32;k;rt=ql7 foo', { tags: { a: 'b', c: '32', k: '', rt: 'ql7' }, command: 'foo' }],
  ['@a=b\\\\and\\nk;c=72\\s45;d=gh\\:764 foo', { tags: { a: 'b\\and\nk', c: '72 45', d: 'gh;764' }, command: 'foo' }],
  ['@c;h=;a=b :quux ab cd', { tags: { c: '', h: '', a: 'b' }, source: 'quux', command: 'ab', params: ['cd'] }],
  [':src JOIN #chan', { source: 'src', command: 'JOIN', params: ['#chan'] }],
  [':src JOIN :#chan', { source: 'src', command: 'JOIN', params: ['#chan'] }],
  [':src AWAY', { source: 'src', command: 'AWAY' }],
  [':src AWAY ', { source: 'src', command: 'AWAY' }],
  [':cool\tguy foo bar baz', { source: 'cool\tguy', command: 'foo', params: ['bar', 'baz'] }],
  [
    '@tag1=value1;tag2;vendor1/tag3=value2;vendor2/tag4= :irc.example.com COMMAND param1 param2 :param3 param3',
    {
      tags: { tag1: 'value1', tag2: '', 'vendor1/tag3': 'value2', 'vendor2/tag4': '' },
      source: 'irc.example.com',
      command: 'COMMAND',
      params: ['param1', 'param2', 'param3 param3'],
    },
  ],
  ['COMMAND', { command: 'COMMAND' }],
  ['@foo=\\\\\\\\\\:\\\\s\\s\\r\\n COMMAND', { tags: { foo: '\\\\;\\s \r\n' }, command: 'COMMAND' }],
  [
    ':gravel.mozilla.org 432  #momo :Erroneous Nickname: Illegal characters',
    { source: 'gravel.mozilla.org', command: '432', params: ['#momo', 'Erroneous Nickname: Illegal characters'] },
  ],
  [':gravel.mozilla.org MODE #tckk +n ', { source: 'gravel.mozilla.org', command: 'MODE', params: ['#tckk', '+n'] }],
  [':services.esper.net MODE #foo-bar +o foobar  ', { source: 'services.esper.net', command: 'MODE', params: ['#foo-bar', '+o', 'foobar'] }],
  ['@tag1=value\\\\ntest COMMAND', { tags: { tag1: 'value\\ntest' }, command: 'COMMAND' }],
  ['@tag1=value\\1 COMMAND', { tags: { tag1: 'value1' }, command: 'COMMAND' }],
  ['@tag1=value1\\ COMMAND', { tags: { tag1: 'value1' }, command: 'COMMAND' }],
  ['@tag1=1;tag2=3;tag3=4;tag1=5 COMMAND', { tags: { tag1: '5', tag2: '3', tag3: '4' }, command: 'COMMAND' }],
  [
    '@tag1=1;tag2=3;tag3=4;tag1=5;vendor/tag2=8 COMMAND',
    { tags: { tag1: '5', tag2: '3', tag3: '4', 'vendor/tag2': '8' }, command: 'COMMAND' },
  ],
  [':SomeOp MODE #channel :+i', { source: 'SomeOp', command: 'MODE', params: ['#channel', '+i'] }],
  [':SomeOp MODE #channel +oo SomeUser :AnotherUser', { source: 'SomeOp', command: 'MODE', params: ['#channel', '+oo', 'SomeUser', 'AnotherUser'] }],
  // What IRC clients send.
  ['privmsg #general :hi there', { command: 'privmsg', params: ['#general', 'hi there'] }],
  ['PRIVMSG   #general    hi', { command: 'PRIVMSG', params: ['#general', 'hi'] }],
  ['CAP LS 302', { command: 'CAP', params: ['LS', '302'] }],
  ['@label=abc;+draft/reply=x1 PRIVMSG #dev :ok', { tags: { label: 'abc', '+draft/reply': 'x1' }, command: 'PRIVMSG', params: ['#dev', 'ok'] }],
  ['  PING :token', { command: 'PING', params: ['token'] }],
  ['@a=1   PING x', { tags: { a: '1' }, command: 'PING', params: ['x'] }],
  ['@;;a=1;=z PING', { tags: { a: '1' }, command: 'PING' }],
  ['@é=1;+ok=3;a/=x;*=y PING', { tags: { '+ok': '3' }, command: 'PING' }],
  [': PING', { command: 'PING' }],
  ['PRIVMSG #chan :привет, мир 😀', { command: 'PRIVMSG', params: ['#chan', 'привет, мир 😀'] }],
];

const errorCases: [string, string, IrcParseErrorCode][] = [
  ['an empty line', '', 'EMPTY'],
  ['a line of spaces', '    ', 'EMPTY'],
  ['tags and nothing else', '@a=b', 'NO_COMMAND'],
  ['tags and a space', '@a=b ', 'NO_COMMAND'],
  ['a source and nothing else', ':nick', 'NO_COMMAND'],
  ['a source and spaces', ':nick!u@h   ', 'NO_COMMAND'],
  ['a lone colon', ':', 'NO_COMMAND'],
  ['tags, a source and no command', '@a :nick ', 'NO_COMMAND'],
  ['a NUL', 'PRIVMSG #a :x\0y', 'INVALID_CHARACTER'],
  ['a CR', 'PRIVMSG #a :x\ry', 'INVALID_CHARACTER'],
  ['an LF', 'PING\nQUIT', 'INVALID_CHARACTER'],
];

describe('IRC message parsing', function () {
  for (const [line, atoms] of splitCases) {
    it(`reads ${JSON.stringify(line)}`, function () {
      expect(atomsOf(parseIrcLine(line))).to.deep.equal(atoms);
    });
  }

  for (const [name, line, code] of errorCases) {
    it(`reports ${code} for ${name}`, function () {
      const result = parseIrcLine(line);
      expect(result).to.be.instanceOf(IrcParseError);
      expect((result as IrcParseError).code).to.equal(code);
    });
  }

  describe('limits (417 ERR_INPUTTOOLONG)', function () {
    const body = (bytes: number) => `PRIVMSG #a :${'x'.repeat(bytes - 'PRIVMSG #a :'.length)}`;
    const tagsOf = (bytes: number) => `@+t=${'v'.repeat(bytes - '@+t= '.length)} `;
    const code = (line: string, limits?: Parameters<typeof parseIrcLine>[1]) => {
      const result = parseIrcLine(line, limits);
      return result instanceof IrcParseError ? result.code : 'ok';
    };

    it('takes a message of 510 bytes (512 with CRLF) and refuses 511', function () {
      expect(code(body(510))).to.equal('ok');
      expect(code(body(511))).to.equal('INPUT_TOO_LONG');
    });

    it('counts bytes, not characters', function () {
      // 'é' is 2 bytes: 249 of them make 498 + 12 = 510 bytes; one more is 512.
      expect(code(`PRIVMSG #a :${'é'.repeat(249)}`)).to.equal('ok');
      expect(code(`PRIVMSG #a :${'é'.repeat(250)}`)).to.equal('INPUT_TOO_LONG');
    });

    it('measures the message apart from its tags', function () {
      expect(code(tagsOf(4096) + body(510))).to.equal('ok');
    });

    it('takes 4096 bytes of tags from a client (4094 of tag data) and refuses 4097', function () {
      expect(code(`${tagsOf(4096)}PING`)).to.equal('ok');
      expect(code(`${tagsOf(4097)}PING`)).to.equal('INPUT_TOO_LONG');
    });

    it('refuses over-long tags even without a command', function () {
      expect(code(tagsOf(5000).trimEnd())).to.equal('INPUT_TOO_LONG');
    });

    it('takes the 8191 bytes of tags a server may send when asked to', function () {
      const serverLimits = { maxTagsBytes: IRC_TAGS_BYTES, maxBodyBytes: 510 };
      expect(code(`${tagsOf(8191)}PING`, serverLimits)).to.equal('ok');
      expect(code(`${tagsOf(8192)}PING`, serverLimits)).to.equal('INPUT_TOO_LONG');
    });
  });
});

// ircdocs parser-tests msg-join.yaml: atoms and a line that must come out.
const joinCases: [Atoms, string, boolean?][] = [
  [{ command: 'foo', params: ['bar', 'baz', 'asdf'] }, 'foo bar baz asdf'],
  [{ command: 'foo', params: ['bar', 'baz', 'asdf'] }, 'foo bar baz :asdf', true],
  [{ source: 'src', command: 'AWAY' }, ':src AWAY'],
  [{ source: 'src', command: 'AWAY', params: [''] }, ':src AWAY :'],
  [{ command: 'foo', params: ['bar', 'baz', 'asdf quux'] }, 'foo bar baz :asdf quux'],
  [{ command: 'foo', params: ['bar', 'baz', ':asdf'] }, 'foo bar baz ::asdf'],
  [{ source: 'coolguy', command: 'foo', params: ['bar', 'baz', '  asdf quux '] }, ':coolguy foo bar baz :  asdf quux '],
  [{ source: 'coolguy', command: 'PRIVMSG', params: ['bar', 'lol :) '] }, ':coolguy PRIVMSG bar :lol :) '],
  [{ source: 'coolguy', command: 'foo', params: ['b\tar', 'baz'] }, ':coolguy foo b\tar baz'],
  [{ tags: { asd: '' }, source: 'coolguy', command: 'foo', params: ['bar', 'baz', '  '] }, '@asd :coolguy foo bar baz :  '],
  [{ tags: { a: 'b\\and\nk', d: 'gh;764' }, command: 'foo', params: ['par1', 'par2'] }, '@a=b\\\\and\\nk;d=gh\\:764 foo par1 par2'],
  [{ tags: { foo: '\\\\;\\s \r\n' }, command: 'COMMAND' }, '@foo=\\\\\\\\\\:\\\\s\\s\\r\\n COMMAND'],
  [{ tags: { '+example': 'raw+:=,escaped; \\' }, command: 'NOTICE', params: ['#channel', 'Message'] }, '@+example=raw+:=,escaped\\:\\s\\\\ NOTICE #channel Message'],
  [{ source: 'irc.example.com', command: '001', params: ['alice', 'Welcome'] }, ':irc.example.com 001 alice :Welcome', true],
];

const unserializable: [string, IrcMessage][] = [
  ['a middle parameter with a space', { command: 'PRIVMSG', params: ['#a b', 'x'] }],
  ['an empty middle parameter', { command: 'PRIVMSG', params: ['', 'x'] }],
  ['a middle parameter starting with a colon', { command: 'PRIVMSG', params: [':a', 'x'] }],
  ['a CR in the text', { command: 'PRIVMSG', params: ['#a', 'x\rQUIT'] }],
  ['an LF in the text', { command: 'PRIVMSG', params: ['#a', 'x\nQUIT'] }],
  ['a NUL in the text', { command: 'PRIVMSG', params: ['#a', 'x\0'] }],
  ['a command with a space', { command: 'PRIV MSG', params: [] }],
  ['an empty command', { command: '', params: [] }],
  ['a two-digit numeric', { command: '01', params: [] }],
  ['a source with a space', { source: 'a b', command: 'PING', params: [] }],
  ['an empty source', { source: '', command: 'PING', params: [] }],
  ['a tag name with a space', { tags: new Map([['a b', '1']]), command: 'PING', params: [] }],
  ['an empty tag name', { tags: new Map([['', '1']]), command: 'PING', params: [] }],
  ['a NUL in a tag value', { tags: new Map([['a', '\0']]), command: 'PING', params: [] }],
];

describe('IRC message serializing', function () {
  for (const [atoms, line, forceTrailing] of joinCases) {
    it(`writes ${JSON.stringify(line)}`, function () {
      expect(serializeIrcMessage(messageOf(atoms), { forceTrailing: forceTrailing === true })).to.equal(line);
    });
  }

  for (const [name, message] of unserializable) {
    it(`refuses ${name}`, function () {
      expect(() => serializeIrcMessage(message)).to.throw(RangeError);
    });
  }

  it('writes no tags part for an empty tag map', function () {
    expect(serializeIrcMessage({ tags: new Map(), command: 'PING', params: ['x'] })).to.equal('PING x');
  });
});

// Arbitraries for messages that a line can carry.
const noBreak = (unit: 'binary' | 'grapheme-ascii') => fc.string({ unit }).filter((s) => !/[\0\r\n]/.test(s));
const tagKey = fc.stringMatching(/^\+?(?:[a-z0-9.-]{1,8}\/)?[A-Za-z0-9-]{1,8}$/);
const tagValue = fc.oneof(noBreak('binary'), fc.stringMatching(/^[; \\\r\na-z]{0,12}$/));
const source = fc.stringMatching(/^[^\0\r\n :@!][^\0\r\n ]{0,20}$/);
const command = fc.oneof(fc.stringMatching(/^[A-Za-z]{1,10}$/), fc.stringMatching(/^[0-9]{3}$/));
const middle = fc.stringMatching(/^[^\0\r\n :][^\0\r\n ]{0,10}$/);
const last = fc.oneof(noBreak('binary'), fc.constantFrom('', ':', ' ', ':x y', '  '), middle);
const message: fc.Arbitrary<IrcMessage> = fc.record({
  tags: fc.dictionary(tagKey, tagValue, { maxKeys: 5 }).map((tags) => new Map(Object.entries(tags))),
  source: fc.option(source, { nil: undefined }),
  command,
  params: fc.tuple(fc.array(middle, { maxLength: 6 }), fc.option(last, { nil: undefined })).map(([m, l]) => (l === undefined ? m : [...m, l])),
});
const noLimits = { maxTagsBytes: Infinity, maxBodyBytes: Infinity };

function normalized(value: IrcMessage): IrcMessage {
  return {
    tags: new Map(value.tags ?? []),
    ...(value.source === undefined ? {} : { source: value.source }),
    command: value.command,
    params: [...value.params],
  };
}

describe('IRC message round trips', function () {
  it('reads back every message it writes', function () {
    fc.assert(
      fc.property(message, fc.boolean(), (msg, forceTrailing) => {
        const parsed = parseIrcLine(serializeIrcMessage(msg, { forceTrailing }), noLimits);
        expect(parsed).not.to.be.instanceOf(IrcParseError);
        expect(normalized(parsed as ParsedIrcMessage)).to.deep.equal(normalized(msg));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads any line it can read the same after writing it back', function () {
    const line = fc.oneof(
      noBreak('binary'),
      fc.array(fc.constantFrom('@', 'a', '=', ';', '\\', 's', ':', ' ', '#', 'x', 'é'), { maxLength: 40 }).map((c) => c.join('')),
    );
    fc.assert(
      fc.property(line, (text) => {
        const first = parseIrcLine(text, noLimits);
        // Commands are read as sent, valid or not (the caller answers 421); only valid ones are written.
        fc.pre(!(first instanceof IrcParseError) && /^(?:[A-Za-z]+|[0-9]{3})$/.test(first.command));
        if (first instanceof IrcParseError) return;
        const again = parseIrcLine(serializeIrcMessage(first), noLimits);
        expect(again).to.deep.equal(first);
      }),
      { numRuns: 3000 },
    );
  });

  it('unescapes whatever it escapes', function () {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const escaped = escapeTagValue(value);
        expect(escaped).not.to.match(/[; \r\n]/);
        expect(unescapeTagValue(escaped)).to.equal(value);
      }),
    );
  });
});
