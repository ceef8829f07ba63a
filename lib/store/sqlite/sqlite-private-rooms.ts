import type Database from 'better-sqlite3';
import type { Constructor } from '../mixin.js';
import type { PrivateRoomStore } from '../private-room-store.js';
import type { InvitationRecord, JoinLinkRecord, JoinRequestRecord } from '../records.js';
import type { SqliteCore } from './sqlite-core.js';

/**
 * SqliteStore's private rooms: invitations, join links and join requests (migration 3), with
 * their statements, row shapes and methods. Nicks compare case-insensitively through the
 * columns' NOCASE collation.
 */

interface InvitationRow {
  room: string;
  nick: string;
  invited_by: string;
  created_at: number;
}

interface JoinLinkRow {
  token_hash: string;
  room: string;
  created_by: string;
  created_at: number;
  expires_at: number;
}

interface JoinRequestRow {
  room: string;
  nick: string;
  created_at: number;
}

/** Prepared once, when the store opens; the type arguments assert the row shapes above. */
function preparePrivateRoomStatements(db: Database.Database) {
  return {
    insertInvitation: db.prepare<[string, string, string, number]>(
      'INSERT INTO invitations (room, nick, invited_by, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    getInvitation: db.prepare<[string, string], InvitationRow>('SELECT * FROM invitations WHERE room = ? AND nick = ?'),
    deleteInvitation: db.prepare<[string, string]>('DELETE FROM invitations WHERE room = ? AND nick = ?'),

    insertJoinLink: db.prepare<[string, string, string, number, number]>(
      `INSERT INTO join_links (token_hash, room, created_by, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    getJoinLink: db.prepare<[string], JoinLinkRow>('SELECT * FROM join_links WHERE token_hash = ?'),
    deleteJoinLinks: db.prepare<[string]>('DELETE FROM join_links WHERE room = ?'),

    insertJoinRequest: db.prepare<[string, string, number]>(
      'INSERT INTO join_requests (room, nick, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    deleteJoinRequest: db.prepare<[string, string]>('DELETE FROM join_requests WHERE room = ? AND nick = ?'),
    // rowid after created_at: requests made at the same moment come back in the order made.
    listJoinRequests: db.prepare<[string], JoinRequestRow>(
      'SELECT * FROM join_requests WHERE room = ? ORDER BY created_at, rowid',
    ),
  };
}

function toInvitation(row: InvitationRow): InvitationRecord {
  return { room: row.room, nick: row.nick, invitedBy: row.invited_by, createdAt: row.created_at };
}

function toJoinLink(row: JoinLinkRow): JoinLinkRecord {
  return {
    tokenHash: row.token_hash,
    room: row.room,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

function toJoinRequest(row: JoinRequestRow): JoinRequestRecord {
  return { room: row.room, nick: row.nick, createdAt: row.created_at };
}

export function sqlitePrivateRooms<Base extends Constructor<SqliteCore>>(base: Base) {
  return class SqlitePrivateRooms extends base implements PrivateRoomStore {
    private readonly privateRoomSql = preparePrivateRoomStatements(this.db);

    addInvitation(invitation: InvitationRecord): Promise<void> {
      return this.use(() => {
        this.privateRoomSql.insertInvitation.run(invitation.room, invitation.nick, invitation.invitedBy, invitation.createdAt);
      });
    }

    getInvitation(room: string, nick: string): Promise<InvitationRecord | undefined> {
      return this.use(() => {
        const row = this.privateRoomSql.getInvitation.get(room, nick);
        return row && toInvitation(row);
      });
    }

    removeInvitation(room: string, nick: string): Promise<boolean> {
      return this.use(() => this.privateRoomSql.deleteInvitation.run(room, nick).changes === 1);
    }

    addJoinLink(link: JoinLinkRecord): Promise<void> {
      return this.use(() => {
        this.privateRoomSql.insertJoinLink.run(link.tokenHash, link.room, link.createdBy, link.createdAt, link.expiresAt);
      });
    }

    getJoinLink(tokenHash: string): Promise<JoinLinkRecord | undefined> {
      return this.use(() => {
        const row = this.privateRoomSql.getJoinLink.get(tokenHash);
        return row && toJoinLink(row);
      });
    }

    removeJoinLinks(room: string): Promise<number> {
      return this.use(() => this.privateRoomSql.deleteJoinLinks.run(room).changes);
    }

    addJoinRequest(request: JoinRequestRecord): Promise<boolean> {
      return this.use(() => this.privateRoomSql.insertJoinRequest.run(request.room, request.nick, request.createdAt).changes === 1);
    }

    removeJoinRequest(room: string, nick: string): Promise<boolean> {
      return this.use(() => this.privateRoomSql.deleteJoinRequest.run(room, nick).changes === 1);
    }

    listJoinRequests(room: string): Promise<JoinRequestRecord[]> {
      return this.use(() => this.privateRoomSql.listJoinRequests.all(room).map(toJoinRequest));
    }
  };
}
