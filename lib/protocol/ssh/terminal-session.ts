import type { Duplex } from 'node:stream';
import { refuse } from '../../chat/refusals.js';
import type { QueuedLine } from '../../session/line-queue.js';
import { colourByDefault, type TerminalEnvironment } from '../../terminal/colour-policy.js';
import type { CompletionSources } from '../../terminal/completion.js';
import { TerminalPrompt, type PromptStep } from '../../terminal/terminal-prompt.js';
import type { Timer } from '../../util/clock.js';
import type { LineSessionDeps } from '../line/line-session.js';
import { SshLineSession, type SshLogin } from './ssh-line-session.js';

/** What the client said of its terminal: the PTY request, and the variables it passed. */
export interface TerminalInfo {
  /** Columns; 0 when the client did not say. */
  readonly width: number;
  readonly env: TerminalEnvironment;
}

/** How long an ESC waits for the rest of a key sequence before it counts as the Escape key. */
export const ESCAPE_TIMEOUT_MS = 50;

/** Commands whose first word is a room, for Tab. */
const ROOM_COMMANDS = ['/chats', '/leave', '/history', '/who', '/link', '/unlink', '/requests', '/invite', '/kick'];

function promptFor(room: string): string {
  return `#${room}> `;
}

/**
 * The line protocol at an SSH terminal (a PTY was asked for): the client's keys come in
 * raw and the server edits the line (lib/terminal: cursor, history, Tab completion), and
 * what the chat writes is printed above the prompt without breaking the line being typed.
 * Everything else is the line session's: the same commands, lines and limits.
 */
export class TerminalSession extends SshLineSession {
  private readonly prompt: TerminalPrompt;
  private escapeTimer: Timer | undefined;
  /** The prompt shown: the room plain lines go to. */
  private shownPrompt: string;

  constructor(id: number, stream: Duplex, address: string, deps: LineSessionDeps, account: SshLogin, terminal: TerminalInfo) {
    super(id, stream, address, deps, account);
    this.colour = colourByDefault(terminal.env);
    this.shownPrompt = promptFor(this.currentRoom);
    this.prompt = new TerminalPrompt({
      width: terminal.width,
      prompt: this.shownPrompt,
      completionSources: () => this.completions(),
    });
  }

  override start(): void {
    this.writeScreen(this.prompt.start());
    super.start();
  }

  /** The window changed size (an SSH `window-change` request). */
  resize(width: number): void {
    this.writeScreen(this.prompt.resize(width));
  }

  // ---- keys in ---------------------------------------------------------------------

  protected override received(chunk: Buffer): void {
    this.apply(this.prompt.input(chunk));
  }

  /** Writes what a step drew and hands each line sent to the queue, until the keys typed so far are used up. */
  private apply(first: PromptStep): void {
    let step: PromptStep | undefined = first;
    while (step) {
      this.writeScreen(step.output);
      if (step.eof) {
        this.close('bye!');
        return;
      }
      step = step.line === undefined ? undefined : (this.enqueueLine(step.line, undefined), this.prompt.continue());
    }
    this.watchEscape();
  }

  /** An ESC at the end of the input is the Escape key unless the rest of a sequence follows at once. */
  private watchEscape(): void {
    const { clock } = this.deps;
    if (this.escapeTimer) clock.clearTimeout(this.escapeTimer);
    this.escapeTimer = undefined;
    if (!this.prompt.escapePending || this.isClosed()) return;
    this.escapeTimer = clock.setTimeout(() => {
      this.escapeTimer = undefined;
      this.apply(this.prompt.resolveEscape());
    }, ESCAPE_TIMEOUT_MS);
  }

  private completions(): CompletionSources {
    const { chat } = this.deps;
    const nick = this.nick ?? '';
    const rooms = new Set(chat.hub.rooms.roomsOf(nick));
    for (const room of chat.hub.rooms.all()) if (room.record.visibility === 'public') rooms.add(room.record.name);
    return {
      commands: [...this.line.commands.keys()].map((name) => `/${name}`),
      nicks: [...chat.hub.onlineUsers()].map((user) => user.nick),
      rooms: [...rooms],
      roomCommands: ROOM_COMMANDS,
    };
  }

  // ---- output ----------------------------------------------------------------------

  /** Whole lines of the chat: printed above the prompt, which is drawn again below them. */
  protected override write(data: Buffer): void {
    const lines = data.toString('utf8').split('\r\n');
    if (lines[lines.length - 1] === '') lines.pop();
    super.write(Buffer.from(this.prompt.print(lines)));
  }

  /** Bytes that only redraw the prompt row. */
  private writeScreen(text: string): void {
    if (text !== '' && !this.isClosed()) this.output.push(Buffer.from(text));
  }

  protected override lineDone(line: QueuedLine): void {
    super.lineDone(line);
    this.showRoom();
  }

  override roomLost(room: string): void {
    super.roomLost(room);
    this.showRoom();
  }

  private showRoom(): void {
    const prompt = promptFor(this.currentRoom);
    if (this.shownPrompt === prompt) return;
    this.shownPrompt = prompt;
    this.writeScreen(this.prompt.setPrompt(prompt));
  }

  /** Bytes of a file would reach the screen as text: a download needs an exec request of its own. */
  override sendFile(): Promise<void> {
    const [host = '127.0.0.1', port = '22'] = this.serverAddress().split(/:(?=\d+$)/);
    throw refuse.fileNotOnTerminal(`ssh -p ${port} ${this.nick ?? 'nick'}@${host} '/download <id>' > file`);
  }

  protected override showGoodbye(reason: string): void {
    super.showGoodbye(reason);
    this.writeScreen(this.prompt.end());
  }

  protected override ended(): void {
    super.ended();
    if (this.escapeTimer) this.deps.clock.clearTimeout(this.escapeTimer);
  }
}
