import type Database from 'better-sqlite3';
import type { InvitationRecord, JoinLinkRecord, JoinRequestRecord } from '../records.js';

/**
 * SqliteStore's statements for private rooms: invitations, join links and join requests
 * (migration 3), with their row shapes. Nicks compare case-insensitively through the
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

/** Prepared once, with the other statements; the type arguments assert the row shapes above. */
export function preparePrivateRoomStatements(db: Database.Database) {
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

export function toInvitation(row: InvitationRow): InvitationRecord {
  return { room: row.room, nick: row.nick, invitedBy: row.invited_by, createdAt: row.created_at };
}

export function toJoinLink(row: JoinLinkRow): JoinLinkRecord {
  return {
    tokenHash: row.token_hash,
    room: row.room,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export function toJoinRequest(row: JoinRequestRow): JoinRequestRecord {
  return { room: row.room, nick: row.nick, createdAt: row.created_at };
}
