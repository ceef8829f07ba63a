import { createHash, randomBytes } from 'node:crypto';

/** 18 random bytes: 144 bits, 24 characters of base64url. */
const TOKEN_BYTES = 18;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** A new unguessable join token. */
export function newJoinToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What is stored instead of the token: its SHA-256, in lower-case hex. */
export function hashJoinToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `chat://127.0.0.1:8000/join/<token>`; `address` is `host:port` as the user reached the server. */
export function joinLink(address: string, token: string): string {
  return `chat://${address}/join/${token}`;
}

/** The token of a join link, or the input itself if it is a bare token; undefined if it is neither. */
export function tokenOfJoinLink(input: string): string | undefined {
  const text = input.trim();
  const match = /^chat:\/\/[^/\s]+\/join\/([^/\s]+)$/.exec(text);
  const token = match ? match[1] : text;
  return token !== undefined && TOKEN_PATTERN.test(token) ? token : undefined;
}
