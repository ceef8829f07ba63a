

/**
 * Every error a client can get, with a stable code. The text says what happened and
 * what to do; tests check the code, users read the text.
 */
export const ERROR_CODES = [
  'UNKNOWN_COMMAND',
  'MISSING_ARGUMENT',
  'INVALID_ARGUMENT',
  'INVALID_NICK',
  'NICK_LOOKALIKE',
  /** Another connection holds the nick without an account (an IRC guest), or an account has it. */
  'NICK_IN_USE',
  /** An IRC guest (no account) tried what needs one. */
  'ACCOUNT_REQUIRED',
  'INVALID_ROOM',
  'NO_SUCH_USER',
  'NO_SUCH_ROOM',
  'NOT_A_MEMBER',
  'ALREADY_MEMBER',
  'CANNOT_LEAVE',
  'WRONG_PASSWORD',
  'PASSWORD_TOO_SHORT',
  'LOGIN_THROTTLED',
  'REGISTRATION_THROTTLED',
  /** Too many logins waiting for their password check (a login storm): try again shortly. */
  'SERVER_BUSY',
  'NOT_LOGGED_IN',
  'ALREADY_LOGGED_IN',
  'LINE_TOO_LONG',
  'TOO_MANY_CONNECTIONS',
  'FLOODING',
  'MESSAGE_TOO_LONG',
  'EMPTY_MESSAGE',
  'SELF_MESSAGE',
  'STORAGE_FAILED',
  /** The store lost its data under a running cluster (lib/store/store-health.ts). */
  'STORE_RESET',
  'NO_SUCH_MESSAGE',
  /** /edit or /delete of someone else's message. */
  'NOT_YOUR_MESSAGE',
  'EDIT_WINDOW_PASSED',
  'BANNED',
  'ALREADY_REPORTED',
  'ALREADY_BANNED',
  'SELF_REPORT',
  'NO_STANDING',
  'NOT_REPORTABLE',
  'RATE_LIMITED',
  'INVALID_TIME',
  'NO_SUCH_SCHEDULED',
  'SHUTTING_DOWN',
  // Private rooms and files.
  'ROOM_EXISTS',
  'NOT_PRIVATE',
  'NOT_ROOM_OWNER',
  'INVALID_LINK',
  'NO_SUCH_REQUEST',
  'NO_SUCH_FILE',
  'FILE_TOO_LARGE',
  'UPLOAD_INCOMPLETE',
  'FILE_NOT_ON_TERMINAL',
  'INVALID_KEY',
  'KEY_TAKEN',
  'TOO_MANY_KEYS',
  'NO_SUCH_KEY',
  'UPLOAD_STALLED',
  'FILE_UNAVAILABLE',
  // Operators.
  'NOT_AN_OPERATOR',
  'NOT_ONLINE',
  'MUTED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error meant for the client: thrown by handlers, turned into one line by the session. */
export class ChatError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ChatError';
  }
}
