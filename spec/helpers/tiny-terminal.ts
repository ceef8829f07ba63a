import { codePointWidth } from '../../lib/terminal/char-width.js';

/**
 * A terminal just big enough to check what the prompt screen draws: a grid of cells
 * that understands CR, LF, BS, BEL, printable characters with their widths (wide ones
 * take two cells; autowrap as xterm does it, with the pending wrap at the last column),
 * CSI K, J, G, H, C, D and m, and bracketed paste on and off (CSI ? 2004 h/l). Anything else throws, so a test fails when the screen
 * sends bytes a user's terminal might not understand the way we expect.
 *
 * A cell holds its character (with any combining marks), ' ' when blank, or '' when it
 * is the right half of a wide character.
 */
export class TinyTerminal {
  private rows: string[][];
  private row = 0;
  private column = 0;
  /** The cursor is past the last column: the next printable character goes to the next row. */
  private wrapPending = false;
  /** Where the last printable character went, for combining marks that follow it. */
  private lastCell: { row: number; column: number } | undefined;
  /** Whether the application asked for pasted text to be marked (mode 2004). */
  bracketedPaste = false;
  /** Rows that scrolled off the top, oldest first. */
  readonly scrolledOff: string[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rows = Array.from({ length: height }, () => this.blankRow());
  }

  /** The cursor, 0-based. */
  get cursor(): { row: number; column: number } {
    return { row: this.row, column: this.column };
  }

  /** Applies bytes (as a string) the way a terminal would. */
  write(output: string): this {
    const chars = Array.from(output);
    for (let i = 0; i < chars.length; i++) {
      const char = chars[i] ?? '';
      if (char === '\u001b') {
        i = this.escape(chars, i);
        continue;
      }
      const codePoint = char.codePointAt(0) ?? 0;
      if (char === '\r') this.moveTo(this.row, 0);
      else if (char === '\n') this.lineFeed();
      else if (char === '\b') this.moveTo(this.row, this.column - 1);
      else if (char === '\u0007') continue;
      else if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) throw new Error(`unexpected control character U+${codePoint.toString(16)}`);
      else this.print(char);
    }
    return this;
  }

  /** Every row, trailing blanks removed. */
  lines(): string[] {
    return this.rows.map((_, row) => this.line(row));
  }

  /** One row, trailing blanks removed. */
  line(row: number): string {
    return (this.rows[row] ?? []).join('').trimEnd();
  }

  /** The row the cursor is on. */
  cursorLine(): string {
    return this.line(this.row);
  }

  /** The text of the cursor's row from the cursor on (what is right of the cursor, and under it). */
  textFromCursor(): string {
    return (this.rows[this.row] ?? []).slice(this.column).join('').trimEnd();
  }

  /** The text of the cursor's row left of the cursor, blanks kept. */
  textBeforeCursor(): string {
    return (this.rows[this.row] ?? []).slice(0, this.column).join('');
  }

  /** What the cell under the cursor holds. */
  cellAtCursor(): string {
    return this.rows[this.row]?.[this.column] ?? '';
  }

  private blankRow(): string[] {
    return Array.from({ length: this.width }, () => ' ');
  }

  private moveTo(row: number, column: number): void {
    this.row = Math.max(0, Math.min(row, this.height - 1));
    this.column = Math.max(0, Math.min(column, this.width - 1));
    this.wrapPending = false;
  }

  private lineFeed(): void {
    this.wrapPending = false;
    if (this.row < this.height - 1) {
      this.row++;
      return;
    }
    this.scrolledOff.push(this.line(0));
    this.rows = [...this.rows.slice(1), this.blankRow()];
    if (this.lastCell) this.lastCell = { row: this.lastCell.row - 1, column: this.lastCell.column };
  }

  private print(char: string): void {
    const width = codePointWidth(char.codePointAt(0) ?? 0);
    if (width === 0) {
      const last = this.lastCell;
      const cells = last && last.row >= 0 ? this.rows[last.row] : undefined;
      if (last && cells) cells[last.column] = (cells[last.column] ?? '') + char;
      return;
    }
    if (this.wrapPending || (width === 2 && this.column === this.width - 1)) {
      this.column = 0;
      this.lineFeed();
    }
    this.clearCell(this.row, this.column);
    if (width === 2) this.clearCell(this.row, this.column + 1);
    const cells = this.rows[this.row] ?? [];
    cells[this.column] = char;
    if (width === 2) cells[this.column + 1] = '';
    this.lastCell = { row: this.row, column: this.column };
    this.column += width;
    if (this.column >= this.width) {
      this.column = this.width - 1;
      this.wrapPending = true;
    }
  }

  /** Blanks a cell, and the other half of a wide character it belongs to. */
  private clearCell(row: number, column: number): void {
    const cells = this.rows[row];
    if (!cells || column >= this.width) return;
    if (cells[column] === '' && column > 0) cells[column - 1] = ' ';
    if (cells[column + 1] === '') cells[column + 1] = ' ';
    cells[column] = ' ';
  }

  /** Reads a control sequence starting at chars[start] (the ESC); returns the index of its last character. */
  private escape(chars: readonly string[], start: number): number {
    if (chars[start + 1] !== '[') throw new Error(`unexpected escape ${JSON.stringify(chars.slice(start, start + 3).join(''))}`);
    const isPrivate = chars[start + 2] === '?';
    let end = isPrivate ? start + 3 : start + 2;
    while (end < chars.length && /[0-9;]/.test(chars[end] ?? '')) end++;
    const final = chars[end];
    if (final === undefined) throw new Error('unfinished control sequence');
    const parameters = chars.slice(isPrivate ? start + 3 : start + 2, end).join('').split(';').map((value) => (value === '' ? undefined : Number(value)));
    const [first, second] = parameters;
    if (isPrivate) {
      if (first !== 2004 || (final !== 'h' && final !== 'l')) throw new Error(`unexpected private mode ${String(first)}${final}`);
      this.bracketedPaste = final === 'h';
      return end;
    }
    switch (final) {
      case 'K':
        this.eraseInRow(first ?? 0);
        break;
      case 'J':
        if ((first ?? 0) !== 2) throw new Error('only CSI 2 J is expected');
        this.rows = this.rows.map(() => this.blankRow());
        break;
      case 'G':
        this.moveTo(this.row, (first ?? 1) - 1);
        break;
      case 'H':
        this.moveTo((first ?? 1) - 1, (second ?? 1) - 1);
        break;
      case 'C':
        this.moveTo(this.row, this.column + (first ?? 1));
        break;
      case 'D':
        this.moveTo(this.row, this.column - (first ?? 1));
        break;
      case 'm':
        break;
      default:
        throw new Error(`unexpected control sequence ending in ${final}`);
    }
    return end;
  }

  private eraseInRow(mode: number): void {
    const from = mode === 0 ? this.column : 0;
    const to = mode === 1 ? this.column : this.width - 1;
    for (let column = from; column <= to; column++) this.clearCell(this.row, column);
  }
}
