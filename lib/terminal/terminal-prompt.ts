/**
 * One prompt on a raw-mode terminal, put together from the pieces in this folder: key
 * decoding, line editing, tab completion and the prompt screen. Bytes from the terminal
 * go in; bytes for the terminal and the lines the user sent come out. No I/O and no
 * timers: the caller writes the output, runs the ESC timeout, and feeds lines to the chat.
 *
 * A step stops at each line sent (and at Ctrl-D on an empty line): what was typed after
 * it waits until the caller calls `continue()`. So a caller that turns on secret mode
 * for a password after `/login` never has the password typed ahead echoed or kept in
 * history.
 */
import { TabCompleter, candidateColumns, type CompletionSources } from './completion.js';
import { BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, KeyDecoder, type KeyEvent } from './key-decoder.js';
import { LineEditor, type LineEditorOptions } from './line-editor.js';
import { PromptScreen } from './screen.js';

export interface TerminalPromptOptions extends Partial<LineEditorOptions> {
  /** Window width in columns (from the PTY request; 0 when unknown). */
  width: number;
  prompt: string;
  /** The candidates for Tab, asked for at each Tab (rooms and nicks change); no completion without it. */
  completionSources?: () => CompletionSources;
  /**
   * Leave each sent line on screen above the prompt, as a shell does (a secret one as the
   * bare prompt). By default a sent line just disappears: the chat echoes what matters.
   */
  keepSentLines?: boolean;
}

/** What one call produced. */
export interface PromptStep {
  /** Bytes to write to the terminal. */
  readonly output: string;
  /** The line the user sent with Enter, if any: call `continue()` once it is dealt with. */
  readonly line?: string;
  /** Ctrl-D on an empty line: the user is leaving. */
  readonly eof: boolean;
  /** Ctrl-C was pressed (the line being typed is gone). */
  readonly interrupt: boolean;
}

/** Events kept while the caller deals with a line; beyond this, keys are dropped (a flood, not typing). */
const MAX_QUEUED_EVENTS = 1024;

/** The prompt of one terminal session: bytes in, bytes and sent lines out. */
export class TerminalPrompt {
  private readonly decoder = new KeyDecoder();
  private readonly editor: LineEditor;
  private readonly completer = new TabCompleter();
  private readonly screen: PromptScreen;
  private readonly queue: KeyEvent[] = [];
  /** A line (or end of input) was handed out and the caller has not called continue() yet. */
  private paused = false;

  /** A prompt with an empty line; call start() for its first bytes. */
  constructor(private readonly options: TerminalPromptOptions) {
    this.editor = new LineEditor(options);
    this.screen = new PromptScreen(options.width, options.prompt);
  }

  /** The line being typed (in secret mode too, although it is not shown). */
  get text(): string {
    return this.editor.text;
  }

  /** True when the input ends in an ESC that may be a key of its own: call resolveEscape() after a short timeout. */
  get escapePending(): boolean {
    return this.decoder.pending;
  }

  /** The window width in use. */
  get width(): number {
    return this.screen.width;
  }

  /** Bytes that turn on bracketed paste and draw the prompt for the first time. */
  start(): string {
    return BRACKETED_PASTE_ON + this.screen.redraw(this.editor);
  }

  /** Takes bytes from the terminal and applies the keys they complete, up to the next line sent. */
  input(chunk: Uint8Array): PromptStep {
    this.enqueue(this.decoder.push(chunk));
    return this.run();
  }

  /** Settles a pending ESC after the caller's timeout (a lone Escape key, or a broken sequence dropped). */
  resolveEscape(): PromptStep {
    this.enqueue(this.decoder.resolvePending());
    return this.run();
  }

  /** Goes on with the keys typed after the last line handed out. */
  continue(): PromptStep {
    this.paused = false;
    return this.run();
  }

  /** Bytes that print chat lines above the prompt, leaving the line being typed as it was. */
  print(lines: readonly string[]): string {
    return this.screen.printAbove(lines, this.editor);
  }

  /** Bytes for a window that changed size. */
  resize(width: number): string {
    return this.screen.resize(width, this.editor);
  }

  /** Bytes that show a new prompt. */
  setPrompt(prompt: string): string {
    return this.screen.setPrompt(prompt, this.editor);
  }

  /** Turns secret mode (passwords: nothing shown, nothing kept) on or off; the line starts afresh. */
  setSecret(secret: boolean): string {
    this.editor.setSecret(secret);
    this.completer.reset();
    return this.screen.render(this.editor);
  }

  /** Bytes that blank the prompt row and turn bracketed paste off, when the session ends. */
  end(): string {
    return this.screen.erase() + BRACKETED_PASTE_OFF;
  }

  private enqueue(events: readonly KeyEvent[]): void {
    for (const event of events) if (this.queue.length < MAX_QUEUED_EVENTS) this.queue.push(event);
  }

  private run(): PromptStep {
    let output = '';
    let interrupt = false;
    while (!this.paused) {
      const event = this.queue.shift();
      if (!event) break;
      if (event.type !== 'key' || event.name !== 'tab') this.completer.reset();
      const outcome = this.editor.handle(event);
      switch (outcome.type) {
        case 'changed':
        case 'unchanged':
          output += this.screen.render(this.editor);
          break;
        case 'complete':
          output += this.complete(outcome.backwards);
          break;
        case 'clearScreen':
          output += this.screen.clearScreen(this.editor);
          break;
        case 'interrupt':
          interrupt = true;
          output += this.screen.render(this.editor);
          break;
        case 'eof':
          this.paused = true;
          return { output, eof: true, interrupt };
        case 'submit': {
          this.paused = true;
          const shown = this.editor.secret ? '' : outcome.line;
          const kept = this.options.keepSentLines ? [this.screen.prompt + shown] : [];
          output += this.screen.printAbove(kept, this.editor);
          return { output, line: outcome.line, eof: false, interrupt };
        }
      }
    }
    return { output, eof: false, interrupt };
  }

  private complete(backwards: boolean): string {
    const sources = this.options.completionSources?.();
    if (!sources) return '';
    const completion = this.completer.complete(this.editor.text, this.editor.cursor, sources, backwards);
    if (!completion) return '';
    this.editor.setLine(completion.text, completion.cursor);
    return this.screen.printAbove(candidateColumns(completion.candidates, this.screen.width), this.editor);
  }
}
