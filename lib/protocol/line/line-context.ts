import type { Accounts } from '../../auth/accounts.js';
import type { ChatCore } from '../../chat/chat-core.js';
import type { Viewer } from '../../chat/catch-up.js';
import type { OnlineUser } from '../../chat/hub/online-user.js';
import type { CommandContext, CommandSpec, MessageView } from '../../commands/command.js';
import type { ServerConfig } from '../../config.js';
import type { AnnouncedUpload } from '../../session/incoming-upload.js';
import type { FileRecord } from '../../store/records.js';
import type { Clock } from '../../util/clock.js';
import { historyLines, motdLines, threadLines } from './catch-up.js';
import { historyPageLines } from './history-page-lines.js';
import { searchLines } from './search-lines.js';
import { infoLine } from './format.js';
import { EOL, fileHeaderLine } from './wire.js';

/** What the line session lends the commands it runs (lib/protocol/line/line-session.ts). */
export interface ContextHost {
  currentRoom: string;
  colour: boolean;
  viewer(user: OnlineUser): Viewer;
  send(line: string): void;
  close(reason: string): void;
  finishLater(stored: Promise<unknown>): void;
  allFinished(): Promise<void>;
  announcedUpload(): AnnouncedUpload | undefined;
  sendFile(header: Buffer, filePath: string, size: number, trailer: Buffer): Promise<void>;
  /** Where this client reached us, `host:port`. */
  serverAddress(): string;
}

/** The parts of the server every session's commands share. */
export interface SharedContext {
  readonly chat: ChatCore;
  readonly accounts: Accounts;
  readonly clock: Clock;
  readonly config: ServerConfig;
  readonly commands: ReadonlyMap<string, CommandSpec>;
}

const TRAILER = Buffer.from(EOL);

/**
 * The CommandContext of one logged-in line session: what commands reply, as lines. A
 * class rather than an object of arrow functions: one small object per connection, its
 * methods shared by all of them (W3 counts the bytes an idle connection holds).
 */
export class LineContext implements CommandContext {
  constructor(
    private readonly host: ContextHost,
    private readonly shared: SharedContext,
    readonly user: OnlineUser,
  ) {}

  get currentRoom(): string {
    return this.host.currentRoom;
  }

  get colour(): boolean {
    return this.host.colour;
  }

  set colour(on: boolean) {
    this.host.colour = on;
  }

  set currentRoom(room: string) {
    this.host.currentRoom = room;
  }

  /** Asked of the socket when needed (/link): kept per connection it would cost every idle one. */
  get serverAddress(): string {
    return this.host.serverAddress();
  }

  get chat(): ChatCore {
    return this.shared.chat;
  }

  get accounts(): Accounts {
    return this.shared.accounts;
  }

  now(): number {
    return this.shared.clock.now();
  }

  get config(): ServerConfig {
    return this.shared.config;
  }

  get commands(): ReadonlyMap<string, CommandSpec> {
    return this.shared.commands;
  }

  get nick(): string {
    return this.user.nick;
  }

  info(...texts: string[]): void {
    for (const text of texts) this.host.send(infoLine(text));
  }

  show(view: MessageView): void {
    const ids = this.shared.chat.ids.messages;
    const now = this.now();
    let lines: string[];
    const viewer = this.host.viewer(this.user);
    if (view.kind === 'history') lines = historyLines(view.room, view.messages, ids, now, viewer);
    else if (view.kind === 'thread') lines = threadLines(view.root, view.comments, ids, now, viewer);
    else if (view.kind === 'page') lines = historyPageLines(view, ids, now, viewer);
    else if (view.kind === 'search') lines = searchLines(view, ids, now, viewer);
    else lines = view.text === null ? [infoLine('there is no message of the day')] : motdLines(view.text);
    for (const line of lines) this.host.send(line);
  }

  quit(reason: string): void {
    this.host.close(reason);
  }

  finishLater(stored: Promise<unknown>): void {
    this.host.finishLater(stored);
  }

  allFinished(): Promise<void> {
    return this.host.allFinished();
  }

  announcedUpload(): AnnouncedUpload | undefined {
    return this.host.announcedUpload();
  }

  sendFile(file: FileRecord, filePath: string): Promise<void> {
    return this.host.sendFile(Buffer.from(fileHeaderLine(file.id, file.name, file.size) + EOL), filePath, file.size, TRAILER);
  }
}
