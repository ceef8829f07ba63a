/** Rules for nicks and room names, shared by every command that takes one. */

export const NICK_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,23}$/;
export const ROOM_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export const DEFAULT_ROOM = 'general';

/**
 * Sender of the server's private notices (invitations, join requests and their answers).
 * Not a valid nick, so nobody can register it and write as the server.
 */
export const SYSTEM_SENDER = '*server*';

export function isValidNick(nick: string): boolean {
  return NICK_PATTERN.test(nick);
}

/** `#Dev` and `dev` name the same room; returns undefined if it is not a valid name. */
export function normalizeRoomName(input: string): string | undefined {
  const name = input.replace(/^#/, '').toLowerCase();
  return ROOM_PATTERN.test(name) ? name : undefined;
}

/** Accepts `@alice` as well as `alice`. */
export function stripNickSigil(input: string): string {
  return input.replace(/^@/, '');
}

export const NICK_RULES = 'a nick is 1-24 characters: a letter, then letters, digits, _ or -';
export const ROOM_RULES = 'a room name is 1-32 characters: lower-case letters, digits, _ or -';
