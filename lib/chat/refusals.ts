import { StoreResetError } from '../store/store-health.js';
import { ChatError } from './errors.js';
import { plural } from '../util/text-layout.js';

/*
 * Every refusal the chat gives, worded in one place: each says what happened and what to
 * do, and the same situation always reads the same. Front ends show the words (the line
 * protocol as `ERROR <CODE>: <words>`) or map the stable code (IRC numerics). Nothing
 * else in lib/ constructs a ChatError.
 */

/** Usage text of a command, e.g. `/send <nick> <message>`. */
type Usage = string;

export const refuse = {
  // ---- commands and their arguments ----------------------------------------------
  unknownCommand: (name: string) => new ChatError('UNKNOWN_COMMAND', `There is no command /${name}. Type /help for the list.`),
  missingArgument: (name: string, usage: Usage) => new ChatError('MISSING_ARGUMENT', `Missing <${name}>. Usage: ${usage}`),
  unexpectedArgument: (extra: string, usage: Usage) => new ChatError('INVALID_ARGUMENT', `Unexpected "${extra}". Usage: ${usage}`),
  /** An argument that is not of its kind: `what` says what is wrong and what would do. */
  invalidArgument: (what: string) => new ChatError('INVALID_ARGUMENT', what),
  lineTooLong: (bytes: number, max: number) => new ChatError('LINE_TOO_LONG', `That line was ${bytes} bytes; the limit is ${max}. It was not sent.`),
  notLoggedIn: () => new ChatError('NOT_LOGGED_IN', 'Log in first: type your nickname, or /login <nick> <password>. /quit leaves.'),
  alreadyLoggedIn: (nick: string) => new ChatError('ALREADY_LOGGED_IN', `You are logged in as ${nick}. To switch, /quit and connect again.`),
  notAnOperator: (command: string) => new ChatError('NOT_AN_OPERATOR', `/${command} is for operators. The server names them with --admin <nick>.`),

  // ---- users ---------------------------------------------------------------------
  noSuchUser: (nick: string) => new ChatError('NO_SUCH_USER', `There is no user "${nick}". /who lists the people in a room.`),
  notOnline: (nick: string) => new ChatError('NOT_ONLINE', `${nick} is not online.`),
  yourself: (what: string) => new ChatError('INVALID_ARGUMENT', what),
  selfMessage: (what: 'write to' | 'send the file to') => new ChatError('SELF_MESSAGE', `That is you. Pick someone else to ${what}.`),
  invalidNick: (nick: string, rules: string) => new ChatError('INVALID_NICK', `"${nick}" is not a valid nick: ${rules}.`),
  nickLookalike: (nick: string, twin: string) =>
    new ChatError('NICK_LOOKALIKE', `"${nick}" looks too much like the nick ${twin}, which is taken. Pick one that cannot be mistaken for someone else's.`),
  nickInUse: (nick: string) => new ChatError('NICK_IN_USE', `${nick} is in use by someone without an account right now. Pick another nick, or try again once they have left.`),
  nickRegistered: (nick: string) => new ChatError('NICK_IN_USE', `${nick} is a registered nick. Log in with its password, or pick another nick.`),
  accountRequired: (what: string) => new ChatError('ACCOUNT_REQUIRED', `${what} needs an account. Register your nick first: /msg *server* register <password>`),
  passwordLength: (min: number, max: number) => new ChatError('INVALID_ARGUMENT', `A password is ${min}-${max} characters.`),
  passwordTooShort: (min: number) => new ChatError('PASSWORD_TOO_SHORT', `A new password needs at least ${plural(min, 'character')}; choose a longer one.`),
  wrongPassword: (nick: string) => new ChatError('WRONG_PASSWORD', `Wrong password for ${nick}. Try again, or pick another nick if it is not yours.`),
  wrongOldPassword: () => new ChatError('WRONG_PASSWORD', 'That is not your current password; nothing changed. Usage: /password <old> <new>'),
  loginThrottled: (why: string) => new ChatError('LOGIN_THROTTLED', why),
  registrationThrottled: (why: string) => new ChatError('REGISTRATION_THROTTLED', why),
  serverBusy: (waitMs: number) =>
    new ChatError('SERVER_BUSY', `The server is busy checking passwords. Try again in ${Math.max(1, Math.ceil(waitMs / 1000))} s.`),

  // ---- SSH keys ------------------------------------------------------------------
  invalidKey: () =>
    new ChatError('INVALID_KEY', 'That is not an OpenSSH public key. Give the line of your ~/.ssh/id_ed25519.pub (or id_ecdsa.pub, id_rsa.pub): /key add ssh-ed25519 AAAA... you@host'),
  keyTaken: (fingerprint: string) => new ChatError('KEY_TAKEN', `The key ${fingerprint} is on an account already. A key logs in to one account only: make another one with ssh-keygen.`),
  tooManyKeys: (max: number) => new ChatError('TOO_MANY_KEYS', `You have ${max} keys, the most there may be. /key remove <fingerprint> one first; /key list shows them.`),
  noSuchKey: (fingerprint: string) => new ChatError('NO_SUCH_KEY', `You have no key ${fingerprint}. /key list shows your keys and their fingerprints.`),

  // ---- rooms ---------------------------------------------------------------------
  /** A room that does not exist, or is private and hidden from the caller: the same words either way. */
  noSuchRoom: (room: string) => new ChatError('NO_SUCH_ROOM', `There is no room #${room} that you can see. /get_chats lists the rooms you can join.`),
  invalidRoom: (input: string, rules: string) => new ChatError('INVALID_ROOM', `"${input}" is not a valid room name: ${rules}.`),
  /** Not in a room one can see: how to get in depends on whether it is public. */
  notAMember: (room: string, open: boolean) =>
    new ChatError('NOT_A_MEMBER', `You are not in #${room}. ${open ? `Join it with /chats ${room}.` : 'Its owner can let you back in.'}`),
  otherNotAMember: (nick: string, room: string) => new ChatError('NOT_A_MEMBER', `${nick} is not in #${room}. /who ${room} lists its members.`),
  alreadyMember: (nick: string, room: string) => new ChatError('ALREADY_MEMBER', `${nick} is already in #${room}.`),
  cannotLeave: (room: string) => new ChatError('CANNOT_LEAVE', `Everyone stays in #${room}. Use /chats <room> to talk elsewhere.`),
  roomExists: (room: string) => new ChatError('ROOM_EXISTS', `#${room} already exists. Pick another name for a new room.`),
  notPrivate: (room: string) =>
    new ChatError('NOT_PRIVATE', `#${room} is public: anyone can join it with /chats ${room}. Invitations, links and kicks are for private rooms.`),
  notRoomOwner: (room: string, owner: string | null) => new ChatError('NOT_ROOM_OWNER', `Only the owner of #${room}, ${owner ?? 'nobody'}, can do that.`),
  invalidLink: () => new ChatError('INVALID_LINK', 'That join link does not work: it may have expired or been revoked. Ask the owner of the room for a new one.'),
  noSuchRequest: (nick: string, room: string) => new ChatError('NO_SUCH_REQUEST', `${nick} has no pending request to join #${room}. /requests ${room} lists them.`),

  // ---- messages ------------------------------------------------------------------
  emptyMessage: () => new ChatError('EMPTY_MESSAGE', 'There is nothing to send (control characters are removed).'),
  noSuchMessage: (shownId: string) => new ChatError('NO_SUCH_MESSAGE', `There is no message [${shownId}] that you can see. Ids are in brackets on every message line.`),
  notAMessageId: (input: string) =>
    new ChatError('INVALID_ARGUMENT', `"${input}" is not a message id: ids are the 7 characters in brackets on message lines, e.g. [hxdbrws].`),
  notYourMessage: (shownId: string, change: 'edit' | 'delete') =>
    new ChatError(
      'NOT_YOUR_MESSAGE',
      change === 'edit' ? `[${shownId}] is not yours: only its author can edit it.` : `[${shownId}] is not yours: only its author, an operator or the owner of its private room can delete it.`,
    ),
  editWindowPassed: (shownId: string, window: string | null) =>
    new ChatError(
      'EDIT_WINDOW_PASSED',
      window === null ? 'Editing messages is turned off on this server. /delete <id> removes one of yours.' : `[${shownId}] was sent more than ${window} ago: messages can be edited for ${window} after sending. /delete ${shownId} removes it.`,
    ),
  storageFailed: () => new ChatError('STORAGE_FAILED', 'The message could not be stored and was not sent. Try again.'),

  // ---- the rules -----------------------------------------------------------------
  banned: (until: string) => new ChatError('BANNED', `You are banned from sending until ${until}. You can still read.`),
  muted: (by: string, until: string) =>
    new ChatError('MUTED', `You are muted by ${by} until ${until}. You can still /send to an operator.`),
  rateLimited: (what: string) => new ChatError('RATE_LIMITED', what),
  selfReport: () => new ChatError('SELF_REPORT', 'You cannot report yourself.'),
  notReportable: (nick: string) =>
    new ChatError('NOT_REPORTABLE', `${nick} is an operator: reports do not ban operators. If one misbehaves, tell whoever runs the server.`),
  alreadyBanned: (nick: string, until: string) => new ChatError('ALREADY_BANNED', `${nick} is already banned until ${until}.`),
  alreadyReported: (nick: string) => new ChatError('ALREADY_REPORTED', `You have already reported ${nick}; each user counts once until a ban ends.`),
  noStanding: (needed: string, have: string) => new ChatError('NO_STANDING', `Reports count from accounts ${needed}; yours ${have}. Nothing was filed.`),
  invalidTime: (what: string) => new ChatError('INVALID_TIME', what),
  timePassed: () => new ChatError('INVALID_TIME', 'That time has already passed. Pick a time in the future.'),
  noSuchScheduled: (shownId: string) => new ChatError('NO_SUCH_SCHEDULED', `You have no pending message ${shownId}. /scheduled lists yours.`),

  /** Once the store lost its data (the why is for the log and /healthz). */
  storeLost: () =>
    new ChatError('STORE_RESET', "The chat's storage lost its data: nothing is sent or stored, and nobody can log in, until an operator restarts the servers. Try again later."),

  // ---- files ---------------------------------------------------------------------
  noSuchFile: (id: string) => new ChatError('NO_SUCH_FILE', `There is no file ${id} for you. The id is in the line that announced the file.`),
  fileUnavailable: (id: string) =>
    new ChatError('FILE_UNAVAILABLE', `File ${id} cannot be read on this server right now; nothing was sent. Try again later, or tell the operator.`),
  fileTooLarge: (limit: string, bytes: number) =>
    new ChatError('FILE_TOO_LARGE', `Files may be at most ${limit} (${bytes} bytes); nothing was stored.`),
  /** `/download` at an interactive SSH terminal, which would show the bytes as text. */
  fileNotOnTerminal: (instead: string) => new ChatError('FILE_NOT_ON_TERMINAL', `Files do not go to an interactive terminal. Run the command on its own instead: ${instead}`),
  uploadIncomplete: (what: string) => new ChatError('UPLOAD_INCOMPLETE', `${what}; nothing was kept. Send it again.`),
} as const;

/**
 * The refusal an error stands for, if it is one the user should be told of as such: a
 * ChatError, or the store's refusal once it lost its data. Anything else is a fault.
 */
export function refusalOf(error: unknown): ChatError | undefined {
  if (error instanceof ChatError) return error;
  if (error instanceof StoreResetError) return refuse.storeLost();
  return undefined;
}
