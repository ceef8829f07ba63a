/**
 * What IRC clients put in text besides text: mIRC formatting codes (bold, colours, ...)
 * and CTCP. chat-line's messages are plain text for every terminal, so formatting is taken
 * out (the sanitiser would leave a colour's digits behind), and of CTCP only ACTION (/me)
 * means anything here.
 */

// Bold, italics, underline, strikethrough, monospace, reverse, reset; colours with their numbers; hex colours.
// eslint-disable-next-line no-control-regex -- formatting codes are control characters
const FORMATTING = /\x03(?:\d{1,2}(?:,\d{1,2})?)?|\x04(?:[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?)?|[\x02\x0f\x11\x16\x1d\x1e\x1f]/g;

export function stripFormatting(text: string): string {
  return text.replace(FORMATTING, '');
}

export type IrcText = { kind: 'text'; text: string } | { kind: 'action'; text: string } | { kind: 'ctcp' };

/** A PRIVMSG's text: plain, a `\x01ACTION ...\x01`, or another CTCP request (VERSION, PING...), which is not chat. */
export function readIrcText(raw: string): IrcText {
  if (!raw.startsWith('\x01')) return { kind: 'text', text: stripFormatting(raw) };
  const body = raw.endsWith('\x01') ? raw.slice(1, -1) : raw.slice(1);
  if (body.toUpperCase().startsWith('ACTION ')) return { kind: 'action', text: stripFormatting(body.slice(7)) };
  return { kind: 'ctcp' };
}
