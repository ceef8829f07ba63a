/**
 * The line being typed at a prompt, edited the way readline and shells do it (Emacs
 * keys), with input history. It holds state only; what the terminal shows is
 * screen.ts's job, and the caller redraws when `handle` says the line changed.
 *
 * The line is a list of Unicode code points, so the cursor never lands inside a
 * character. Words, for moving and killing, are runs of non-blank characters, as in
 * the shell's Ctrl-W: `/send bob` has two.
 */
import type { KeyEvent, KeyPress } from './key-decoder.js';

export interface LineEditorOptions {
  /** Lines kept for Up/Down; 0 turns history off. */
  historySize: number;
  /** Longest line, in UTF-8 bytes (the server's line limit); typing beyond it is refused. */
  maxBytes: number;
}

/** 100 lines of history; 4096 bytes, the server's default --max-line. */
export const DEFAULT_LINE_EDITOR_OPTIONS: LineEditorOptions = { historySize: 100, maxBytes: 4096 };

/** What a key did, for the caller to act on. */
export type EditOutcome =
  /** The line or the cursor moved: redraw. */
  | { readonly type: 'changed' }
  /** The key did nothing here (Left at the start, an unbound key): nothing to draw. */
  | { readonly type: 'unchanged' }
  /** Enter: the line, now cleared from the editor. */
  | { readonly type: 'submit'; readonly line: string }
  /** Ctrl-C: the line was thrown away. */
  | { readonly type: 'interrupt' }
  /** Ctrl-D on an empty line: the user wants to leave. */
  | { readonly type: 'eof' }
  /** Ctrl-L: clear the screen and redraw. */
  | { readonly type: 'clearScreen' }
  /** Tab (Shift-Tab: backwards): the caller completes the word before the cursor. */
  | { readonly type: 'complete'; readonly backwards: boolean };

const CHANGED: EditOutcome = { type: 'changed' };
const UNCHANGED: EditOutcome = { type: 'unchanged' };

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const BLANK = /\s/;

function isBlank(char: string | undefined): boolean {
  return char !== undefined && BLANK.test(char);
}

/** The line being typed at one prompt, with its cursor and history. */
export class LineEditor {
  private line: string[] = [];
  private position = 0;
  private readonly entries: string[] = [];
  /** Which history entry is shown: entries.length means the line being typed. */
  private historyIndex = 0;
  /** The typed-but-not-sent line, kept while browsing history. */
  private draft = '';
  private hidden = false;
  private readonly options: LineEditorOptions;

  /** An empty line; options not given take DEFAULT_LINE_EDITOR_OPTIONS. */
  constructor(options: Partial<LineEditorOptions> = {}) {
    this.options = { ...DEFAULT_LINE_EDITOR_OPTIONS, ...options };
  }

  /** The line as a string. */
  get text(): string {
    return this.line.join('');
  }

  /** The line as code points, for drawing. */
  get chars(): readonly string[] {
    return this.line;
  }

  /** The cursor, as an index into `chars` (0 to chars.length). */
  get cursor(): number {
    return this.position;
  }

  /** True while the line is a secret (a password): not to be shown, not kept in history. */
  get secret(): boolean {
    return this.hidden;
  }

  /** The remembered lines, oldest first. */
  get history(): readonly string[] {
    return this.entries;
  }

  /** Turns secret mode on or off; either way the line starts afresh. */
  setSecret(secret: boolean): void {
    this.hidden = secret;
    this.reset();
  }

  /** Replaces the line and puts the cursor at `cursor` (default: the end), e.g. after a completion. */
  setLine(text: string, cursor?: number): void {
    this.line = Array.from(text);
    this.position = Math.max(0, Math.min(cursor ?? this.line.length, this.line.length));
  }

  /** Inserts text at the cursor: blanks for tabs and line ends, control characters dropped, cut at maxBytes. */
  insert(text: string): boolean {
    const room = this.options.maxBytes - Buffer.byteLength(this.text);
    const added: string[] = [];
    let bytes = 0;
    for (const raw of text) {
      const char = raw === '\t' || raw === '\n' || raw === '\r' ? ' ' : raw;
      if (CONTROL.test(char)) continue;
      bytes += Buffer.byteLength(char);
      if (bytes > room) break;
      added.push(char);
    }
    if (added.length === 0) return false;
    this.line.splice(this.position, 0, ...added);
    this.position += added.length;
    return true;
  }

  /** Applies one key event to the line. */
  handle(event: KeyEvent): EditOutcome {
    if (event.type === 'text') return this.insert(event.text) ? CHANGED : UNCHANGED;
    if (event.ctrl && event.name.length === 1) return this.ctrlLetter(event.name);
    if (event.alt && event.name.length === 1) return this.altLetter(event.name);
    return this.namedKey(event);
  }

  private namedKey(event: KeyPress): EditOutcome {
    const byWord = event.ctrl || event.alt;
    switch (event.name) {
      case 'enter':
        return this.submit();
      case 'backspace':
        return byWord ? this.kill(this.wordStart(), this.position) : this.kill(this.position - 1, this.position);
      case 'delete':
        return this.kill(this.position, this.position + 1);
      case 'left':
        return this.moveTo(byWord ? this.wordStart() : this.position - 1);
      case 'right':
        return this.moveTo(byWord ? this.wordEnd() : this.position + 1);
      case 'home':
        return this.moveTo(0);
      case 'end':
        return this.moveTo(this.line.length);
      case 'up':
        return this.browse(-1);
      case 'down':
        return this.browse(1);
      case 'tab':
        return this.hidden ? UNCHANGED : { type: 'complete', backwards: event.shift };
      default:
        return UNCHANGED;
    }
  }

  private ctrlLetter(letter: string): EditOutcome {
    switch (letter) {
      case 'a':
        return this.moveTo(0);
      case 'e':
        return this.moveTo(this.line.length);
      case 'b':
        return this.moveTo(this.position - 1);
      case 'f':
        return this.moveTo(this.position + 1);
      case 'p':
        return this.browse(-1);
      case 'n':
        return this.browse(1);
      case 'u':
        return this.kill(0, this.position);
      case 'k':
        return this.kill(this.position, this.line.length);
      case 'w':
        return this.kill(this.wordStart(), this.position);
      case 'c':
        this.reset();
        return { type: 'interrupt' };
      case 'd':
        return this.line.length === 0 ? { type: 'eof' } : this.kill(this.position, this.position + 1);
      case 'l':
        return { type: 'clearScreen' };
      default:
        return UNCHANGED;
    }
  }

  private altLetter(letter: string): EditOutcome {
    switch (letter) {
      case 'b':
        return this.moveTo(this.wordStart());
      case 'f':
        return this.moveTo(this.wordEnd());
      case 'd':
        return this.kill(this.position, this.wordEnd());
      default:
        return UNCHANGED;
    }
  }

  private submit(): EditOutcome {
    const line = this.text;
    if (!this.hidden && line.trim() !== '' && line !== this.entries[this.entries.length - 1] && this.options.historySize > 0) {
      this.entries.push(line);
      if (this.entries.length > this.options.historySize) this.entries.splice(0, this.entries.length - this.options.historySize);
    }
    this.reset();
    return { type: 'submit', line };
  }

  /** An empty line at the end of history, with no draft. */
  private reset(): void {
    this.line = [];
    this.position = 0;
    this.historyIndex = this.entries.length;
    this.draft = '';
  }

  /** Moves through history by one step; the line typed before browsing comes back at the end. */
  private browse(step: -1 | 1): EditOutcome {
    if (this.hidden) return UNCHANGED;
    const target = this.historyIndex + step;
    if (target < 0 || target > this.entries.length) return UNCHANGED;
    if (this.historyIndex === this.entries.length) this.draft = this.text;
    this.historyIndex = target;
    this.setLine(target === this.entries.length ? this.draft : (this.entries[target] ?? ''));
    return CHANGED;
  }

  private moveTo(target: number): EditOutcome {
    const clamped = Math.max(0, Math.min(target, this.line.length));
    if (clamped === this.position) return UNCHANGED;
    this.position = clamped;
    return CHANGED;
  }

  /** Removes the characters from `start` to `end` (clamped to the line); the cursor goes to `start`. */
  private kill(start: number, end: number): EditOutcome {
    const from = Math.max(0, start);
    const to = Math.min(end, this.line.length);
    if (to <= from) return UNCHANGED;
    this.line.splice(from, to - from);
    this.position = from;
    return CHANGED;
  }

  /** Where the word before the cursor starts (blanks right before the cursor are skipped first). */
  private wordStart(): number {
    let index = this.position;
    while (index > 0 && isBlank(this.line[index - 1])) index--;
    while (index > 0 && !isBlank(this.line[index - 1])) index--;
    return index;
  }

  /** Where the word after the cursor ends (blanks right after the cursor are skipped first). */
  private wordEnd(): number {
    let index = this.position;
    while (index < this.line.length && isBlank(this.line[index])) index++;
    while (index < this.line.length && !isBlank(this.line[index])) index++;
    return index;
  }
}
