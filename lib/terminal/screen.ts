/**
 * Draws a prompt and the line being typed on the bottom row of a terminal, and prints
 * chat lines above it without breaking what is being typed. It produces the bytes to
 * write (plain ANSI/VT100: CR, CRLF, CSI K, CSI n C and CSI n D) and performs no I/O.
 *
 * The prompt line never wraps: a line longer than the window scrolls sideways so the
 * cursor stays visible, and the last column is never written, so no terminal ever wraps
 * the row on its own. A full repaint starts with CR and redraws the whole row, so the
 * screen is right again after every repaint even where this module and the terminal
 * disagree on a character's width. Small edits (typing at the end of the line, moving
 * the cursor within what is shown) send only what changed.
 */
import { charWidth, textWidth } from './char-width.js';

/** What the screen needs of the line being edited; a LineEditor is one. */
export interface LineView {
  /** The line, one code point per element. */
  readonly chars: readonly string[];
  /** Index into `chars` (0 to chars.length). */
  readonly cursor: number;
  /** A secret line (a password) is not shown at all. */
  readonly secret: boolean;
}

/** The prompt row as drawn. */
interface Frame {
  /** The prompt as written (possibly cut to fit). */
  readonly prompt: string;
  readonly promptWidth: number;
  /** The part of the line shown after the prompt. */
  readonly text: string;
  readonly textWidth: number;
  /** Where the cursor is, 0-based. */
  readonly column: number;
}

const CSI = '\u001b[';
/** Erase from the cursor to the end of the row. */
const ERASE_TO_END = `${CSI}K`;
const CLEAR_SCREEN = `${CSI}H${CSI}2J`;
/** The width assumed when the client reports none (some SSH clients send 0). */
export const DEFAULT_WIDTH = 80;
/** Columns kept for the typed text before the prompt itself is cut. */
const MIN_INPUT_COLUMNS = 8;

// eslint-disable-next-line no-control-regex -- measuring text without its escape sequences
const CONTROL_SEQUENCE = /\x1b\[[0-?]*[ -/]*[@-~]/g;

/** A column count usable for layout: a whole number of at least 1, or the default. */
function usableWidth(width: number): number {
  return Number.isInteger(width) && width >= 1 ? width : DEFAULT_WIDTH;
}

/** Moves the cursor within the row from one column to another. */
function move(from: number, to: number): string {
  if (to < from) return `${CSI}${String(from - to)}D`;
  if (to > from) return `${CSI}${String(to - from)}C`;
  return '';
}

/** The first characters of `text` that fit in `columns`. */
function fitted(text: string, columns: number): string {
  let used = 0;
  let kept = '';
  for (const char of text) {
    used += charWidth(char);
    if (used > columns) break;
    kept += char;
  }
  return kept;
}

/** The prompt row of one terminal: what was drawn last, and how far the line is scrolled sideways. */
export class PromptScreen {
  private columns: number;
  private promptText: string;
  /** Index of the first character of the line shown (horizontal scroll). */
  private scroll = 0;
  /** What the terminal shows now; undefined when the row must be repainted in full. */
  private drawn: Frame | undefined;

  /** A screen `width` columns wide showing `prompt` (which may carry colour) before the line. */
  constructor(width: number, prompt: string) {
    this.columns = usableWidth(width);
    this.promptText = prompt;
  }

  /** The window width in use. */
  get width(): number {
    return this.columns;
  }

  /** The prompt as given. */
  get prompt(): string {
    return this.promptText;
  }

  /** Bytes that bring the prompt row from what was drawn last to `view`. */
  render(view: LineView): string {
    const previous = this.drawn;
    const next = this.layout(view);
    this.drawn = next;
    if (previous?.prompt !== next.prompt) return this.paint(next);
    if (previous.text === next.text) return move(previous.column, next.column);
    const wasAtEnd = previous.column === previous.promptWidth + previous.textWidth;
    const isAtEnd = next.column === next.promptWidth + next.textWidth;
    if (wasAtEnd && isAtEnd && next.text.startsWith(previous.text)) return next.text.slice(previous.text.length);
    return this.paint(next);
  }

  /** Bytes that repaint the prompt row in full. */
  redraw(view: LineView): string {
    this.drawn = this.layout(view);
    return this.paint(this.drawn);
  }

  // A line wider than the window wraps on the terminal, as any output does.
  /** Bytes that print `lines` above the prompt and draw the prompt row again below them, cursor and all. */
  printAbove(lines: readonly string[], view: LineView): string {
    if (lines.length === 0) return this.render(view);
    const printed = lines.map((line) => `${line.split(/\r?\n/).join('\r\n')}\r\n`).join('');
    return `\r${ERASE_TO_END}${printed}${this.redraw(view)}`;
  }

  /** Bytes for a window now `width` columns wide: the prompt row laid out and repainted again. */
  resize(width: number, view: LineView): string {
    this.columns = usableWidth(width);
    return this.redraw(view);
  }

  /** Bytes that show a new prompt (a room change, a password prompt). */
  setPrompt(prompt: string, view: LineView): string {
    this.promptText = prompt;
    return this.render(view);
  }

  /** Bytes that clear the whole screen (Ctrl-L) and draw the prompt row at the top. */
  clearScreen(view: LineView): string {
    return CLEAR_SCREEN + this.redraw(view);
  }

  /** Bytes that blank the prompt row, e.g. before the session ends; the next render repaints it. */
  erase(): string {
    this.drawn = undefined;
    return `\r${ERASE_TO_END}`;
  }

  private paint(frame: Frame): string {
    const end = frame.promptWidth + frame.textWidth;
    return `\r${frame.prompt}${frame.text}${ERASE_TO_END}${move(end, frame.column)}`;
  }

  /** Works out what the row shows for `view`, scrolling sideways as little as keeps the cursor in sight. */
  private layout(view: LineView): Frame {
    const { prompt, promptWidth } = this.promptToShow();
    const available = Math.max(0, this.columns - promptWidth - 1);
    if (view.secret) return { prompt, promptWidth, text: '', textWidth: 0, column: promptWidth };

    const { chars } = view;
    const widths = chars.map(charWidth);
    const cursor = Math.max(0, Math.min(view.cursor, chars.length));
    const span = (from: number, to: number): number => widths.slice(from, to).reduce((sum, width) => sum + width, 0);

    let scroll = Math.min(this.scroll, cursor);
    let beforeCursor = span(scroll, cursor);
    // The character under the cursor is kept in sight too, when there is one.
    const underCursor = widths[cursor] ?? 0;
    while (scroll < cursor && beforeCursor + underCursor > available) beforeCursor -= widths[scroll++] ?? 0;
    // When the rest of the line fits with room to spare, show more of its start instead.
    let rest = span(scroll, chars.length);
    while (scroll > 0 && rest + (widths[scroll - 1] ?? 0) <= available) {
      scroll--;
      rest += widths[scroll] ?? 0;
      beforeCursor += widths[scroll] ?? 0;
    }
    this.scroll = scroll;

    let text = '';
    let used = 0;
    for (let index = scroll; index < chars.length; index++) {
      const width = widths[index] ?? 0;
      if (used + width > available) break;
      // A combining mark whose base is out of sight would land on the prompt.
      if (width === 0 && text === '') continue;
      text += chars[index] ?? '';
      used += width;
    }
    return { prompt, promptWidth, text, textWidth: used, column: promptWidth + beforeCursor };
  }

  /** The prompt, cut (and stripped of colour) when it would leave too little room for typing. */
  private promptToShow(): { prompt: string; promptWidth: number } {
    const plain = this.promptText.replace(CONTROL_SEQUENCE, '');
    const width = textWidth(plain);
    const room = Math.max(0, this.columns - 1 - Math.min(MIN_INPUT_COLUMNS, Math.floor((this.columns - 1) / 2)));
    if (width <= room) return { prompt: this.promptText, promptWidth: width };
    // Cut, and a blank kept between what is left of it and the typed text.
    const cut = room >= 2 ? `${fitted(plain.trimEnd(), room - 1)} ` : '';
    return { prompt: cut, promptWidth: textWidth(cut) };
  }
}
