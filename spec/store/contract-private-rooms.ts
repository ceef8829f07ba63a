import { expect } from 'chai';
import type { ChatStore } from '../../lib/store/chat-store.js';
import type { FileRecord, InvitationRecord, JoinLinkRecord, JoinRequestRecord } from '../../lib/store/records.js';
import { T0, rejection } from './contract-helpers.js';

/**
 * The contract for private rooms (invitations, join links, join requests) and for the
 * records of sent files. Part of storeContract; `current` is the test's fresh store.
 */
export function privateRoomsContract(current: () => ChatStore): void {
  describe('invitations', () => {
    it('finds an invitation to the room for the nick in any case, and none for others', async () => {
      const store = current();
      const invitation = invite('secret', 'Bob');
      await store.addInvitation(invitation);
      expect(await store.getInvitation('secret', 'bob')).to.deep.equal(invitation);
      expect(await store.getInvitation('secret', 'BOB')).to.deep.equal(invitation);
      expect(await store.getInvitation('secret', 'carol')).to.equal(undefined);
      expect(await store.getInvitation('other', 'bob')).to.equal(undefined);
    });

    it('keeps the first invitation when the same user is invited again', async () => {
      const store = current();
      const first = invite('secret', 'bob', { invitedBy: 'alice' });
      await store.addInvitation(first);
      await store.addInvitation(invite('secret', 'BOB', { invitedBy: 'carol', createdAt: T0 + 9 }));
      expect(await store.getInvitation('secret', 'bob')).to.deep.equal(first);
    });

    it('consumes an invitation once: removing says whether there was one', async () => {
      const store = current();
      await store.addInvitation(invite('secret', 'bob'));
      expect(await store.removeInvitation('secret', 'Bob')).to.equal(true);
      expect(await store.removeInvitation('secret', 'bob')).to.equal(false);
      expect(await store.getInvitation('secret', 'bob')).to.equal(undefined);
    });
  });

  describe('join links', () => {
    it('finds a link by its token hash, and nothing for an unknown hash', async () => {
      const store = current();
      const link = joinLink('hash-1', 'secret');
      await store.addJoinLink(link);
      expect(await store.getJoinLink('hash-1')).to.deep.equal(link);
      expect(await store.getJoinLink('hash-2')).to.equal(undefined);
    });

    it('revokes every link of a room and only those, saying how many there were', async () => {
      const store = current();
      await store.addJoinLink(joinLink('a', 'secret'));
      await store.addJoinLink(joinLink('b', 'secret'));
      await store.addJoinLink(joinLink('c', 'other'));
      expect(await store.removeJoinLinks('secret')).to.equal(2);
      expect(await store.getJoinLink('a')).to.equal(undefined);
      expect(await store.getJoinLink('b')).to.equal(undefined);
      expect(await store.getJoinLink('c')).to.deep.equal(joinLink('c', 'other'));
      expect(await store.removeJoinLinks('secret')).to.equal(0);
    });
  });

  describe('join requests', () => {
    it("lists a room's pending requests oldest first, and no other room's", async () => {
      const store = current();
      const later = joinRequest('secret', 'carol', T0 + 2);
      const earlier = joinRequest('secret', 'Bob', T0 + 1);
      expect(await store.addJoinRequest(later)).to.equal(true);
      expect(await store.addJoinRequest(earlier)).to.equal(true);
      await store.addJoinRequest(joinRequest('other', 'dave', T0));
      expect(await store.listJoinRequests('secret')).to.deep.equal([earlier, later]);
      expect(await store.listJoinRequests('empty')).to.deep.equal([]);
    });

    it('refuses a second request by the same user (in any case) for the same room, keeping the first', async () => {
      const store = current();
      const first = joinRequest('secret', 'bob', T0);
      await store.addJoinRequest(first);
      expect(await store.addJoinRequest(joinRequest('secret', 'BOB', T0 + 5))).to.equal(false);
      expect(await store.listJoinRequests('secret')).to.deep.equal([first]);
    });

    it('removes an answered request once, saying whether there was one', async () => {
      const store = current();
      await store.addJoinRequest(joinRequest('secret', 'bob', T0));
      expect(await store.removeJoinRequest('secret', 'Bob')).to.equal(true);
      expect(await store.removeJoinRequest('secret', 'bob')).to.equal(false);
      expect(await store.listJoinRequests('secret')).to.deep.equal([]);
      expect(await store.addJoinRequest(joinRequest('secret', 'bob', T0 + 1))).to.equal(true);
    });
  });

  describe('files', () => {
    it('finds a file by id, and nothing for an unknown id', async () => {
      const store = current();
      const stored = file('k3x9q2', 7);
      await store.addFile(stored);
      expect(await store.getFile('k3x9q2')).to.deep.equal(stored);
      expect(await store.getFile('nope')).to.equal(undefined);
    });

    it('forgets the files of expired messages and says which they were', async () => {
      const store = current();
      for (const stored of [file('aaaaaaaa', 7), file('bbbbbbbb', 8), file('cccccccc', 9)]) await store.addFile(stored);
      expect((await store.removeFilesOf([7, 9, 10])).sort()).to.deep.equal(['aaaaaaaa', 'cccccccc']);
      expect(await store.getFile('aaaaaaaa')).to.equal(undefined);
      expect(await store.getFile('bbbbbbbb')).to.deep.equal(file('bbbbbbbb', 8));
      expect(await store.removeFilesOf([7])).to.deep.equal([]);
    });

    it('refuses a second file with the same id', async () => {
      const store = current();
      await store.addFile(file('k3x9q2', 7));
      await rejection(store.addFile(file('k3x9q2', 8)));
      expect(await store.getFile('k3x9q2')).to.deep.equal(file('k3x9q2', 7));
    });
  });
}

function invite(roomName: string, nick: string, fields: Partial<InvitationRecord> = {}): InvitationRecord {
  return { room: roomName, nick, invitedBy: 'alice', createdAt: T0, ...fields };
}

function joinLink(tokenHash: string, roomName: string): JoinLinkRecord {
  return { tokenHash, room: roomName, createdBy: 'alice', createdAt: T0, expiresAt: T0 + 86_400_000 };
}

function joinRequest(roomName: string, nick: string, createdAt: number): JoinRequestRecord {
  return { room: roomName, nick, createdAt };
}

function file(id: string, messageId: number): FileRecord {
  return { id, messageId, name: 'photo of us.jpg', size: 5 * 1024 * 1024, from: 'Alice', createdAt: T0 };
}
