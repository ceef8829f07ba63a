import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import type { MuteRecord } from '../../lib/store/profile-store.js';
import { T0, user } from './contract-helpers.js';

/**
 * The contract for passwords, ignore lists, preferences, mutes and server settings (the
 * ProfileStore part). Part of storeContract; `current` is the test's fresh store.
 */
export function profileContract(current: () => ChatStore): void {
  describe('passwords', () => {
    it('replaces the password hash of a user found in any case, and of nobody else', async () => {
      const store = current();
      await store.createUser(user('Alice', { passwordHash: 'old' }));
      expect(await store.setPasswordHash('ALICE', 'new')).to.equal(true);
      expect((await store.getUser('alice'))?.passwordHash).to.equal('new');
      expect(await store.setPasswordHash('ghost', 'x')).to.equal(false);
      expect(await store.getUser('ghost')).to.equal(undefined);
    });
  });

  describe('ignore lists', () => {
    it('lists nobody for a user who ignores nobody', async () => {
      expect(await current().listIgnores('alice')).to.deep.equal([]);
    });

    it('adds ignored nicks once whatever their case, and lists them in case-insensitive order as first given', async () => {
      const store = current();
      expect(await store.addIgnore('alice', 'Carol')).to.equal(true);
      expect(await store.addIgnore('ALICE', 'bob')).to.equal(true);
      expect(await store.addIgnore('alice', 'CAROL')).to.equal(false);
      expect(await store.listIgnores('Alice')).to.deep.equal(['bob', 'Carol']);
    });

    it("keeps each user's list to themselves", async () => {
      const store = current();
      await store.addIgnore('alice', 'bob');
      expect(await store.listIgnores('bob')).to.deep.equal([]);
      expect(await store.listIgnores('carol')).to.deep.equal([]);
    });

    it('removes an ignored nick in any case, and says whether there was one', async () => {
      const store = current();
      await store.addIgnore('alice', 'bob');
      await store.addIgnore('alice', 'carol');
      expect(await store.removeIgnore('Alice', 'BOB')).to.equal(true);
      expect(await store.removeIgnore('alice', 'bob')).to.equal(false);
      expect(await store.listIgnores('alice')).to.deep.equal(['carol']);
    });
  });

  describe('preferences', () => {
    it('has no preference that was never set', async () => {
      expect(await current().getPreference('alice', 'color')).to.equal(undefined);
    });

    it('keeps the last value set per user and key, with the nick in any case', async () => {
      const store = current();
      await store.setPreference('alice', 'color', 'on');
      await store.setPreference('ALICE', 'color', 'off');
      await store.setPreference('bob', 'color', 'on');
      expect(await store.getPreference('Alice', 'color')).to.equal('off');
      expect(await store.getPreference('bob', 'color')).to.equal('on');
      expect(await store.getPreference('bob', 'other')).to.equal(undefined);
    });
  });

  describe('mutes', () => {
    const mute = (nick: string, until: number, by = 'op'): MuteRecord => ({ nick, until, by, createdAt: T0 });
    const byNick = (mutes: MuteRecord[]): MuteRecord[] => [...mutes].sort((a, b) => a.nick.localeCompare(b.nick));

    it('lists no mutes when there are none', async () => {
      expect(await current().listMutes()).to.deep.equal([]);
    });

    it('lists saved mutes, expired ones included', async () => {
      const store = current();
      await store.saveMute(mute('bob', T0 - 1));
      await store.saveMute(mute('carol', T0 + 60_000));
      expect(byNick(await store.listMutes())).to.deep.equal([mute('bob', T0 - 1), mute('carol', T0 + 60_000)]);
    });

    it('replaces the mute of a nick saved again in another case', async () => {
      const store = current();
      await store.saveMute(mute('bob', T0 + 1000, 'alice'));
      await store.saveMute(mute('BOB', T0 + 5000, 'dave'));
      expect(await store.listMutes()).to.deep.equal([mute('BOB', T0 + 5000, 'dave')]);
    });

    it('deletes a mute in any case, and says whether there was one', async () => {
      const store = current();
      await store.saveMute(mute('bob', T0 + 1000));
      expect(await store.deleteMute('Bob')).to.equal(true);
      expect(await store.deleteMute('bob')).to.equal(false);
      expect(await store.listMutes()).to.deep.equal([]);
    });
  });

  describe('server settings', () => {
    it('sets, replaces and removes a setting', async () => {
      const store = current();
      expect(await store.getSetting('motd')).to.equal(undefined);
      await store.setSetting('motd', 'first');
      await store.setSetting('motd', 'second');
      expect(await store.getSetting('motd')).to.equal('second');
      await store.setSetting('motd', null);
      expect(await store.getSetting('motd')).to.equal(undefined);
    });

    it('sets a setting only when it has none, and always returns the one stored', async () => {
      const store = current();
      expect(await store.setSettingIfAbsent('id-secret', 'first')).to.equal('first');
      expect(await store.setSettingIfAbsent('id-secret', 'second')).to.equal('first');
      expect(await store.getSetting('id-secret')).to.equal('first');
      await store.setSetting('other', 'kept');
      expect(await store.setSettingIfAbsent('other', 'new')).to.equal('kept');
    });

    it('lets exactly one of many racing callers set it, and gives them all its value', async () => {
      const store = current();
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setSettingIfAbsent('race', `value-${i}`)));
      expect(new Set(answers).size).to.equal(1);
      expect(await store.getSetting('race')).to.equal(answers[0]);
    });
  });
}
