import { stripVTControlCharacters } from 'node:util';
import { NICK_PROMPT, PASSWORD_PROMPT, TALKING_IN_PATTERN, WELCOME_PATTERN, WELCOME_ROOM_PATTERN } from '../protocol/line/wire.js';

/** What to pre-fill when the server shows `prompt`: the remembered nick at the nickname prompt, else nothing. */
export function nickToOffer(prompt: string, lastNick: string | undefined): string | undefined {
  return prompt === NICK_PROMPT && lastNick ? lastNick : undefined;
}

const SERVER_PROMPTS = [NICK_PROMPT, PASSWORD_PROMPT] as const;

/** Drops prompts at the start of `text`: when answers are typed ahead, prompts share a line with what follows. */
export function withoutPrompts(text: string): string {
  let rest = text;
  for (;;) {
    const prompt = SERVER_PROMPTS.find((p) => rest.startsWith(p));
    if (prompt === undefined) return rest;
    rest = rest.slice(prompt.length);
  }
}

/** The prompt the server is now showing, if the unfinished tail of its output is nothing but prompts. */
export function promptOf(tail: string): string | undefined {
  return tail !== '' && withoutPrompts(tail) === '' ? SERVER_PROMPTS.find((p) => tail.endsWith(p)) : undefined;
}

/** The nick a welcome line confirms, if `line` is one (prompts glued in front of it are ignored). */
export function nickFromWelcome(line: string): string | undefined {
  return WELCOME_PATTERN.exec(withoutPrompts(line))?.[1];
}

/** The room a server line says the user now talks in (the welcome, `-- now talking in #dev`), if it is one. */
export function roomFromLine(line: string): string | undefined {
  const plain = withoutPrompts(stripVTControlCharacters(line));
  return (WELCOME_ROOM_PATTERN.exec(plain) ?? TALKING_IN_PATTERN.exec(plain))?.[1];
}

/** `/login <nick> <password>` and `/password <old> <new>` carry passwords, so they must not stay in the up-arrow history. */
export function isSecretLine(line: string | undefined): boolean {
  return line?.startsWith('/login ') === true || line?.startsWith('/password ') === true;
}

/** The server's CRLF as LF, for a pipe: a CR at the end of a chunk may be half of a CRLF and is held until the next says. */
export class CrlfToLf {
  private held = '';

  convert(text: string): string {
    let chunk = this.held + text;
    this.held = '';
    if (chunk.endsWith('\r')) {
      chunk = chunk.slice(0, -1);
      this.held = '\r';
    }
    return chunk.replace(/\r\n/g, '\n');
  }

  /** What is held at the end: a lone CR. */
  flush(): string {
    const held = this.held;
    this.held = '';
    return held;
  }
}

/** Splits the server's text into complete lines plus the unfinished tail (a prompt, or half a line). */
export class LineSplitter {
  private tail = '';
  push(text: string): string[] {
    const parts = (this.tail + text).split(/\r?\n/);
    this.tail = parts.pop() ?? '';
    return parts;
  }
  get partial(): string {
    return this.tail;
  }
  clearPartial(): void {
    this.tail = '';
  }
}
