import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import type { PublicKeyRecord } from '../../lib/store/key-store.js';
import { T0 } from './contract-helpers.js';

function key(nick: string, fingerprint: string, addedAt = T0): PublicKeyRecord {
  return { fingerprint: `SHA256:${fingerprint}`, nick, type: 'ssh-ed25519', blob: `AAAA${fingerprint}`, comment: `${nick}@laptop`, addedAt };
}

/**
 * The contract for SSH public keys bound to accounts (the KeyStore part). Part of
 * storeContract; `current` is the test's fresh store.
 */
export function keysContract(current: () => ChatStore): void {
  describe('SSH public keys', () => {
    it('lists no keys for a user who added none, and finds no key never added', async () => {
      const store = current();
      expect(await store.listKeys('alice')).to.deep.equal([]);
      expect(await store.findKey('SHA256:nothing')).to.equal(undefined);
    });

    it("lists a user's keys in any case, oldest first, and finds each by fingerprint", async () => {
      const store = current();
      const second = key('Alice', 'two', T0 + 2);
      const first = key('Alice', 'one', T0 + 1);
      expect(await store.addKey(second)).to.equal(true);
      expect(await store.addKey(first)).to.equal(true);
      expect(await store.listKeys('ALICE')).to.deep.equal([first, second]);
      expect(await store.findKey('SHA256:two')).to.deep.equal(second);
    });

    it('binds a key to one account only: adding it again, to anyone, changes nothing', async () => {
      const store = current();
      const alices = key('alice', 'same');
      await store.addKey(alices);
      expect(await store.addKey(key('bob', 'same', T0 + 5))).to.equal(false);
      expect(await store.addKey(key('ALICE', 'same', T0 + 5))).to.equal(false);
      expect(await store.findKey('SHA256:same')).to.deep.equal(alices);
      expect(await store.listKeys('bob')).to.deep.equal([]);
    });

    it('removes a key only for its owner', async () => {
      const store = current();
      await store.addKey(key('alice', 'one'));
      await store.addKey(key('alice', 'two', T0 + 1));
      expect(await store.removeKey('bob', 'SHA256:one')).to.equal(false);
      expect(await store.removeKey('ALICE', 'SHA256:one')).to.equal(true);
      expect(await store.removeKey('alice', 'SHA256:one')).to.equal(false);
      expect(await store.findKey('SHA256:one')).to.equal(undefined);
      expect((await store.listKeys('alice')).map((k) => k.fingerprint)).to.deep.equal(['SHA256:two']);
      // Free again: anyone may add it now.
      expect(await store.addKey(key('bob', 'one', T0 + 2))).to.equal(true);
    });

    it('hands out copies: changing a record given or returned does not change the store', async () => {
      const store = current();
      const given = key('alice', 'one');
      await store.addKey(given);
      given.comment = 'changed';
      const found = await store.findKey('SHA256:one');
      expect(found?.comment).to.equal('alice@laptop');
      if (found) found.nick = 'mallory';
      expect((await store.listKeys('alice')).map((k) => k.nick)).to.deep.equal(['alice']);
    });
  });
}
