import { expect } from 'chai';
import fc from 'fast-check';
import {
  CASEMAPPING,
  CHANNEL_MAX_LENGTH,
  ircChannelToRoom,
  ircEquals,
  ircFold,
  ircNickToChatNick,
  isChannelName,
  NICK_MAX_LENGTH,
  ROOM_MAX_LENGTH,
  roomToIrcChannel,
} from '../../../lib/protocol/irc/casemap.js';
import { isValidNick, normalizeRoomName } from '../../../lib/chat/text/names.js';

describe('IRC case mapping and names', function () {
  it('announces ascii, the folding chat-line does', function () {
    expect(CASEMAPPING).to.equal('ascii');
  });

  it('folds A-Z and nothing else', function () {
    expect(ircFold('Alice_Smith-42')).to.equal('alice_smith-42');
    // rfc1459 would fold these; ascii does not.
    expect(ircFold('[]\\~')).to.equal('[]\\~');
    // Nor letters beyond ASCII, which String#toLowerCase would fold.
    expect(ircFold('ÀÉİ\u212A')).to.equal('ÀÉİ\u212A');
  });

  it('compares names ignoring ASCII case only', function () {
    expect(ircEquals('Alice', 'aLICE')).to.equal(true);
    expect(ircEquals('#Dev', '#dev')).to.equal(true);
    expect(ircEquals('bob', 'bobby')).to.equal(false);
    expect(ircEquals('[x]', '{x}')).to.equal(false);
    expect(ircEquals('\u212Aelvin', 'kelvin')).to.equal(false);
  });

  it('knows limits that agree with what chat-line accepts', function () {
    expect(isValidNick('a'.repeat(NICK_MAX_LENGTH))).to.equal(true);
    expect(isValidNick('a'.repeat(NICK_MAX_LENGTH + 1))).to.equal(false);
    expect(normalizeRoomName('a'.repeat(ROOM_MAX_LENGTH))).to.equal('a'.repeat(ROOM_MAX_LENGTH));
    expect(normalizeRoomName('a'.repeat(ROOM_MAX_LENGTH + 1))).to.equal(undefined);
    expect(CHANNEL_MAX_LENGTH).to.equal(ROOM_MAX_LENGTH + 1);
  });

  const channels: [string, string | undefined][] = [
    ['#general', 'general'],
    ['#General', 'general'],
    ['#DEV_ops-2', 'dev_ops-2'],
    [`#${'x'.repeat(32)}`, 'x'.repeat(32)],
    [`#${'x'.repeat(33)}`, undefined],
    ['general', undefined],
    ['#', undefined],
    ['##dev', undefined],
    ['&local', undefined],
    ['+modeless', undefined],
    ['!12345abc', undefined],
    ['#a.b', undefined],
    ['#café', undefined],
    ['#_dev', undefined],
    ['#-dev', undefined],
    ['#\u212Aelvin', undefined],
    ['#a,b', undefined],
    ['#a b', undefined],
  ];
  for (const [channel, room] of channels) {
    it(`maps ${JSON.stringify(channel)} to ${room === undefined ? 'no room' : `the room ${room}`}`, function () {
      expect(ircChannelToRoom(channel)).to.equal(room);
    });
  }

  it('names every room as a channel that maps back to it', function () {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,31}$/), (room) => {
        const channel = roomToIrcChannel(room);
        expect(channel).to.equal(`#${room}`);
        expect(isChannelName(channel)).to.equal(true);
        expect(ircChannelToRoom(channel)).to.equal(room);
        expect(ircChannelToRoom(`#${room.toUpperCase()}`)).to.equal(room);
      }),
    );
  });

  it('maps a channel to a room only when chat-line takes that room name', function () {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (name) => {
        const room = ircChannelToRoom(`#${name}`);
        if (room !== undefined) {
          expect(normalizeRoomName(room)).to.equal(room);
          expect(room).to.equal(ircFold(name));
        }
      }),
    );
  });

  it('tells channels from nicks by the prefix', function () {
    expect(isChannelName('#general')).to.equal(true);
    expect(isChannelName('alice')).to.equal(false);
    expect(isChannelName('*server*')).to.equal(false);
  });

  const nicks: [string, string | undefined][] = [
    ['alice', 'alice'],
    ['Alice', 'Alice'],
    ['bob_2-x', 'bob_2-x'],
    ['a'.repeat(24), 'a'.repeat(24)],
    ['a'.repeat(25), undefined],
    ['[bot]', undefined],
    ['nick|away', undefined],
    ['_under', undefined],
    ['1abc', undefined],
    ['`x', undefined],
    ['*server*', undefined],
    ['', undefined],
  ];
  for (const [nick, chatNick] of nicks) {
    it(`takes the IRC nick ${JSON.stringify(nick)} as ${chatNick === undefined ? 'erroneous (432)' : chatNick}`, function () {
      expect(ircNickToChatNick(nick)).to.equal(chatNick);
    });
  }
});
