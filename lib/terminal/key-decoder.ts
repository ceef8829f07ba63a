/**
 * Turns the bytes a terminal in raw mode sends into key events. In raw mode nothing is
 * edited or echoed by the client, so every key press arrives as bytes: text as UTF-8,
 * Enter as CR, editing keys as control bytes, and the cursor keys as escape sequences
 * whose form depends on the terminal. Chunks may be cut anywhere (inside a character or
 * a sequence); the events are the same however the bytes are split, except that a run
 * of text may arrive as several text events.
 *
 * An escape sequence the decoder does not know is swallowed whole, so its bytes never
 * show up as typed text. A lone ESC cannot be told from the start of a sequence until
 * more bytes come or some time passes; the decoder uses no timers and reports that
 * state as `pending`, for the caller to settle with `resolvePending` after its timeout.
 */

export type NamedKey =
  | 'enter'
  | 'backspace'
  | 'tab'
  | 'escape'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'delete';

/** Ctrl-letter and Alt-letter keys are named by their lower-case letter. */
export type Letter =
  | 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'm'
  | 'n' | 'o' | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'w' | 'x' | 'y' | 'z';

export interface KeyPress {
  readonly type: 'key';
  readonly name: NamedKey | Letter;
  readonly ctrl: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

/** Printable text, typed or pasted; `paste` marks text that came inside a bracketed paste. */
export interface TextInput {
  readonly type: 'text';
  readonly text: string;
  readonly paste: boolean;
}

export type KeyEvent = KeyPress | TextInput;

export interface Modifiers {
  ctrl?: boolean;
  alt?: boolean;
  shift?: boolean;
}

/** A key event, with the modifiers not given set to false. */
export function keyPress(name: NamedKey | Letter, modifiers: Modifiers = {}): KeyPress {
  return { type: 'key', name, ctrl: modifiers.ctrl ?? false, alt: modifiers.alt ?? false, shift: modifiers.shift ?? false };
}

const NUL = 0x00;
const BS = 0x08;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const ESC = 0x1b;
const DEL = 0x7f;

/** Longest parameter string kept; longer sequences are still swallowed whole, just not read. */
const MAX_PARAMETER_BYTES = 32;

// Terminals mark pasted text only after being asked to (xterm's mode 2004); ON goes out
// when the prompt starts and OFF when it ends, so the user's shell gets its terminal back as it was.
/** Asks the terminal to mark pasted text with CSI 200~ and CSI 201~. */
export const BRACKETED_PASTE_ON = '\u001b[?2004h';
/** Stops the terminal marking pasted text. */
export const BRACKETED_PASTE_OFF = '\u001b[?2004l';

const PASTE_START = 200;
const PASTE_END = 201;

type State =
  | 'ground'
  /** After ESC. */
  | 'escape'
  /** After ESC [ (CSI) or ESC O (SS3): parameters, intermediates, final byte. */
  | 'control'
  /** After ESC [ [: the Linux console's F1-F5 send one more letter. */
  | 'linuxFunctionKey';

/** Final bytes of CSI and SS3 sequences that name a key on their own. */
const FINAL_KEYS: Readonly<Record<string, NamedKey>> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
};

/** The numbers of `CSI <n> ~` sequences, as sent by xterm, VT220, rxvt and the Linux console. */
const TILDE_KEYS: Readonly<Record<number, NamedKey>> = {
  1: 'home',
  3: 'delete',
  4: 'end',
  7: 'home',
  8: 'end',
};

function isTextByte(byte: number): boolean {
  return byte >= 0x20 && byte !== DEL;
}

function isLetter(byte: number): boolean {
  return byte >= 0x61 && byte <= 0x7a;
}

/** Code points that are not text even though they decode from UTF-8: C1 controls. */
const C1_CONTROLS = /[\x80-\x9f]/g;

/** Decodes the bytes of one terminal; keeps the state of a sequence or character cut between chunks. */
export class KeyDecoder {
  private state: State = 'ground';
  /** Whether the control sequence being read is SS3 (ESC O) rather than CSI (ESC [). */
  private ss3 = false;
  private parameters = '';
  /** The sequence is known to mean nothing to us (too long, intermediates, ...). */
  private unknownSequence = false;
  private afterCarriageReturn = false;
  private inPaste = false;
  private readonly utf8 = new TextDecoder('utf-8');

  /** True when the input so far ends inside an escape sequence (or is a lone ESC). */
  get pending(): boolean {
    return this.state !== 'ground';
  }

  /** True between the start and the end marker of a bracketed paste. */
  get pasting(): boolean {
    return this.inPaste;
  }

  /** Decodes one chunk of input into the key events it completes. */
  push(chunk: Uint8Array): KeyEvent[] {
    const events: KeyEvent[] = [];
    let textStart = -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] ?? NUL;
      const afterCarriageReturn = this.afterCarriageReturn;
      this.afterCarriageReturn = false;
      if (this.state !== 'ground' && this.sequenceByte(byte, events)) continue;
      if (isTextByte(byte)) {
        if (textStart < 0) textStart = i;
        continue;
      }
      if (textStart >= 0) {
        this.text(this.utf8.decode(chunk.subarray(textStart, i), { stream: true }), events);
        textStart = -1;
      }
      // A control byte ends any character whose bytes were cut short.
      this.text(this.utf8.decode(), events);
      this.controlByte(byte, afterCarriageReturn, false, events);
    }
    if (textStart >= 0) this.text(this.utf8.decode(chunk.subarray(textStart), { stream: true }), events);
    return events;
  }

  /** Settles a pending escape after the caller's timeout: a lone ESC is the Escape key, a broken sequence is dropped. */
  resolvePending(): KeyEvent[] {
    const events: KeyEvent[] = [];
    if (this.state === 'escape') this.key(keyPress('escape'), events);
    this.state = 'ground';
    return events;
  }

  /** Handles one byte inside an escape sequence; false when the byte is not part of it. */
  private sequenceByte(byte: number, events: KeyEvent[]): boolean {
    switch (this.state) {
      case 'escape':
        return this.afterEscape(byte, events);
      case 'control':
        return this.controlSequenceByte(byte, events);
      case 'linuxFunctionKey':
        this.state = 'ground';
        return byte >= 0x20 && byte <= 0x7e;
      case 'ground':
        return false;
    }
  }

  private afterEscape(byte: number, events: KeyEvent[]): boolean {
    if (byte === 0x5b || byte === 0x4f) {
      this.state = 'control';
      this.ss3 = byte === 0x4f;
      this.parameters = '';
      this.unknownSequence = false;
      return true;
    }
    if (byte === ESC) {
      // The first ESC was a key of its own; the second may start a sequence.
      this.key(keyPress('escape'), events);
      return true;
    }
    this.state = 'ground';
    if (isLetter(byte)) {
      // Alt+letter, as terminals send it with "meta sends escape" (macOS: Option+arrows are Alt+b/f).
      this.key(keyPress(String.fromCharCode(byte) as Letter, { alt: true }), events);
      return true;
    }
    if (byte < 0x20 || byte === DEL) {
      this.controlByte(byte, false, true, events);
      return true;
    }
    // ESC + any other printable ASCII is Alt with that key (Alt+., Alt+Shift+x): two bytes
    // we ignore. Output-side sequences with intermediates (ESC ( B) are not read as such:
    // terminals never send them, and Alt+Space must not eat the key typed after it.
    // A non-ASCII byte is Alt with a non-ASCII character: the character is kept as text.
    return byte <= 0x7e;
  }

  private controlSequenceByte(byte: number, events: KeyEvent[]): boolean {
    if (byte >= 0x30 && byte <= 0x3f) {
      if (this.parameters.length < MAX_PARAMETER_BYTES) this.parameters += String.fromCharCode(byte);
      else this.unknownSequence = true;
      return true;
    }
    if (byte >= 0x20 && byte <= 0x2f) {
      this.unknownSequence = true;
      return true;
    }
    this.state = 'ground';
    if (byte >= 0x40 && byte <= 0x7e) {
      const final = String.fromCharCode(byte);
      if (final === '[' && !this.ss3 && this.parameters === '' && !this.unknownSequence) {
        this.state = 'linuxFunctionKey';
      } else if (!this.unknownSequence) {
        this.finishControlSequence(final, events);
      }
      return true;
    }
    // A control byte or non-ASCII inside a sequence: the sequence was broken off, and the
    // byte means what it means on its own.
    return false;
  }

  private finishControlSequence(final: string, events: KeyEvent[]): void {
    // Private parameters (`<`, `=`, `>`, `?` first) belong to reports and mouse events.
    if (/^[<=>?]/.test(this.parameters)) return;
    const [first = '', second = ''] = this.parameters.split(';');
    const modifiers = modifiersFromParameter(second);
    if (final === '~' && !this.ss3) {
      const number = Number(first);
      if (number === PASTE_START) this.inPaste = true;
      else if (number === PASTE_END) this.inPaste = false;
      const name = TILDE_KEYS[number];
      if (name) this.key(keyPress(name, modifiers), events);
      return;
    }
    if (final === 'Z' && !this.ss3) {
      this.key(keyPress('tab', { shift: true }), events);
      return;
    }
    if (final === 'M' && this.ss3) {
      // The keypad's Enter in application keypad mode.
      this.key(keyPress('enter'), events);
      return;
    }
    const name = FINAL_KEYS[final];
    // xterm puts the modifier of a cursor key in the second parameter (`1;5C`); some
    // terminals send it alone (`5C`, `O5C`).
    if (name) this.key(keyPress(name, second === '' && first !== '1' ? modifiersFromParameter(first) : modifiers), events);
  }

  private controlByte(byte: number, afterCarriageReturn: boolean, alt: boolean, events: KeyEvent[]): void {
    switch (byte) {
      case ESC:
        this.state = 'escape';
        return;
      case CR:
        this.afterCarriageReturn = true;
        this.key(keyPress('enter', { alt }), events);
        return;
      case LF:
        // CR LF is one Enter; so is a lone LF (a paste, or a client that sends LF).
        if (!afterCarriageReturn) this.key(keyPress('enter', { alt }), events);
        return;
      case BS:
      case DEL:
        this.key(keyPress('backspace', { alt }), events);
        return;
      case TAB:
        this.key(keyPress('tab', { alt }), events);
        return;
      default:
        // Ctrl+A to Ctrl+Z; NUL (Ctrl+Space) and 0x1c-0x1f (Ctrl+\ ] ^ _) mean nothing here.
        if (byte >= 0x01 && byte <= 0x1a) {
          this.key(keyPress(String.fromCharCode(byte + 0x60) as Letter, { ctrl: true, alt }), events);
        }
    }
  }

  /** Adds a key event; inside a paste, Enter and Tab are text and other keys are dropped. */
  private key(event: KeyPress, events: KeyEvent[]): void {
    if (!this.inPaste) {
      events.push(event);
      return;
    }
    if (event.name === 'enter') this.text('\n', events);
    else if (event.name === 'tab') this.text('\t', events);
  }

  /** Adds text to the last text event when it is of the same kind, so runs stay whole. */
  private text(decoded: string, events: KeyEvent[]): void {
    const text = decoded.replace(C1_CONTROLS, '');
    if (text === '') return;
    const last = events[events.length - 1];
    if (last?.type === 'text' && last.paste === this.inPaste) {
      events[events.length - 1] = { type: 'text', text: last.text + text, paste: this.inPaste };
    } else {
      events.push({ type: 'text', text, paste: this.inPaste });
    }
  }
}

/** xterm's modifier parameter: 1 + (1 for Shift, 2 for Alt, 4 for Ctrl, 8 for Meta). */
function modifiersFromParameter(parameter: string): Modifiers {
  const bits = Number(parameter) - 1;
  if (!Number.isInteger(bits) || bits <= 0 || bits > 15) return {};
  return { shift: (bits & 1) !== 0, alt: (bits & 2) !== 0 || (bits & 8) !== 0, ctrl: (bits & 4) !== 0 };
}
