import { stripVTControlCharacters as plain } from 'node:util';
import { expect } from 'chai';
import { BELL, COLOUR_PAINT, colourNick, highlightLine, paintServerLine } from '../../../lib/protocol/line/colour.js';
import { formatMessage } from '../../../lib/protocol/line/format.js';
import { ACTION_MARK } from '../../../lib/chat/text/action.js';
import { asStored, roomMsg } from '../../helpers/records.js';

const ESC = '\x1b[';
const at = new Date(2026, 10, 23, 14, 5, 30).getTime();

describe('colour for terminals that asked for it', function () {
  it('gives a nick the same colour every time and in any case, and different nicks different colours', function () {
    expect(colourNick('alice')).to.equal(colourNick('alice'));
    expect(colourNick('Alice').replace('Alice', 'alice')).to.equal(colourNick('alice'));
    const colours = new Set(['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].map((n) => colourNick(n).replace(n, '')));
    expect(colours.size).to.be.greaterThan(2);
  });

  it('colours times, ids and nicks of a message line but keeps its text and its leading bracket', function () {
    const line = formatMessage(asStored(roomMsg('general', 'alice', 'hi', { createdAt: at }), 111), { id: 'hxdbrws', parent: null }, undefined, COLOUR_PAINT);
    expect(line.startsWith('[')).to.equal(true);
    expect(line).to.contain(ESC);
    expect(line).to.contain(colourNick('alice'));
    expect(plain(line)).to.equal('[14:05] #general [hxdbrws] <alice> hi');
  });

  it('shows a /me message as an action, plain or in colour', function () {
    const message = asStored(roomMsg('general', 'alice', `${ACTION_MARK}waves`, { createdAt: at }), 1);
    const shown = { id: '0m4tz8e', parent: null };
    expect(formatMessage(message, shown)).to.equal('[14:05] #general [0m4tz8e] * alice waves');
    expect(plain(formatMessage(message, shown, undefined, COLOUR_PAINT))).to.equal('[14:05] #general [0m4tz8e] * alice waves');
  });

  it('colours the text of server lines and errors after their prefix, and leaves the welcome line plain', function () {
    expect(paintServerLine('-- rooms (1):').startsWith(`-- ${ESC}`)).to.equal(true);
    expect(plain(paintServerLine('-- rooms (1):'))).to.equal('-- rooms (1):');
    expect(paintServerLine('ERROR NO_SUCH_USER: no').startsWith(`ERROR ${ESC}`)).to.equal(true);
    const welcome = '-- welcome, alice! You are in #general. Type /help for commands.';
    expect(paintServerLine(welcome)).to.equal(welcome);
    expect(paintServerLine('[14:05] #general [1] <a> x')).to.equal('[14:05] #general [1] <a> x');
  });

  it('marks a highlighted line with >> in front, plain or in bold colour', function () {
    expect(highlightLine('[14:05] x', false)).to.equal('>> [14:05] x');
    expect(highlightLine('[14:05] x', true)).to.contain(ESC);
    expect(plain(highlightLine('[14:05] x', true))).to.equal('>> [14:05] x');
    expect(BELL).to.equal('\x07');
  });
});
