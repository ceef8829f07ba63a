import { expect } from 'chai';
import { SeenNames } from '../../lib/client/completion-sources.js';

describe('the names chat-line completes', () => {
  it('learns nicks and rooms from messages, joins, room lists and the welcome, and no text a user wrote', () => {
    const names = new SeenNames();
    for (const line of [
      '-- welcome, alice! You are in #general. Type /help for commands.',
      '[14:05] #dev [r2u6woy] <bob> see #secret and <mallory>',
      '[14:05] (private) [mfnbrzx] <carol -> alice> psst',
      '[14:06] #ops [rsu5kbx] * dave waves',
      '-- erin joined #project',
      '--   #lounge  0 members  0 online',
      '-- now talking in #quiet',
    ]) {
      names.learn(line);
    }
    const { nicks, rooms, commands, roomCommands } = names.sources();
    expect([...nicks].sort()).to.deep.equal(['alice', 'bob', 'carol', 'dave', 'erin']);
    expect([...rooms].sort()).to.deep.equal(['dev', 'general', 'lounge', 'ops', 'project', 'quiet']);
    expect(commands).to.include.members(['/send', '/msg', '/chats', '/history']);
    expect(roomCommands).to.include.members(['/chats', '/leave', '/who']);
    expect(roomCommands).not.to.include('/send');
  });

  it('keeps at most 2000 of each, forgetting the one seen longest ago', () => {
    const names = new SeenNames();
    names.learn('[14:05] #dev [r2u6woy] <first> hi');
    for (let i = 0; i < 2000; i++) names.learn(`-- user${i} joined #dev`);
    const { nicks } = names.sources();
    expect(nicks).to.have.length(2000);
    expect(nicks).not.to.include('first');
    expect(nicks).to.include('user1999');
  });
});
