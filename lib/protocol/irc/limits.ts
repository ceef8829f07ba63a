/**
 * Byte limits of the IRC client protocol (Modern IRC "Message Format", IRCv3 message-tags
 * "Size limit"). Every line is two parts with their own budgets: the tags (`@...` and the
 * space after them) and the message (source, command and parameters, plus CRLF).
 */

/** The message part of a line, CRLF included (RFC 1459 and every server since). */
export const IRC_MESSAGE_BYTES = 512;
/** The message part without its CRLF: what is left once the framer has taken the line end. */
export const IRC_MESSAGE_BODY_BYTES = IRC_MESSAGE_BYTES - 2;

/** The whole tags part of a line a client must accept from a server, `@` and trailing space included. */
export const IRC_TAGS_BYTES = 8191;
/**
 * Tag data (between `@` and the space) a client may send, and a server may add. A server
 * reads client lines with this budget (4096 bytes with `@` and the space) and answers
 * anything longer with 417 ERR_INPUTTOOLONG.
 */
export const IRC_CLIENT_TAG_DATA_BYTES = 4094;
export const IRC_CLIENT_TAGS_BYTES = IRC_CLIENT_TAG_DATA_BYTES + 2;

/**
 * The longest line a client may send, without its line end: the largest tags part plus the
 * largest message part. The framer drops longer lines before decoding them.
 */
export const IRC_CLIENT_LINE_BYTES = IRC_CLIENT_TAGS_BYTES + IRC_MESSAGE_BODY_BYTES;
