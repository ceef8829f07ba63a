import type { CommandContext, CommandSpec } from '../commands/command.js';
import type { ServerConfig } from '../config.js';
import type { ChatHub } from '../chat/chat-hub.js';
import type { OnlineUser } from '../chat/session-port.js';
import type { ChatRules } from '../chat/chat-rules.js';
import { infoLine } from '../protocol/line/format.js';
import { DEFAULT_ROOM } from '../chat/names.js';
import { historyLines } from '../protocol/line/catch-up.js';
import type { AnnouncedUpload } from '../protocol/line/upload-intake.js';

/** What a session lends the commands it runs (lib/session/session.ts implements it). */
export interface ContextHost {
  send(line: string): void;
  close(reason: string): void;
  finishLater(stored: Promise<unknown>): void;
  allFinished(): Promise<void>;
  announcedUpload(): AnnouncedUpload | undefined;
  sendFile(header: string, filePath: string, size: number): Promise<void>;
  /** Where this client reached us, `host:port`. */
  serverAddress(): string;
}

/** The parts of the server every session's commands share. */
export interface SharedContext {
  readonly hub: ChatHub;
  readonly rules: ChatRules;
  readonly config: ServerConfig;
  readonly commands: ReadonlyMap<string, CommandSpec>;
}

/**
 * The CommandContext of one logged-in session. A class rather than an object of arrow
 * functions: one small object per connection, its methods shared by all of them (W3 counts
 * the bytes an idle connection holds).
 */
export class SessionContext implements CommandContext {
  currentRoom = DEFAULT_ROOM;

  constructor(
    private readonly host: ContextHost,
    private readonly shared: SharedContext,
    readonly user: OnlineUser,
  ) {}

  /** Asked of the socket when needed (/link): kept per connection it would cost every idle one. */
  get serverAddress(): string {
    return this.host.serverAddress();
  }

  get hub(): ChatHub {
    return this.shared.hub;
  }

  get rules(): ChatRules {
    return this.shared.rules;
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

  reply(line: string): void {
    this.host.send(line);
  }

  info(...texts: string[]): void {
    for (const text of texts) this.host.send(infoLine(text));
  }

  async showHistory(room: string, limit: number): Promise<void> {
    const { hub } = this.shared;
    const messages = await hub.history(room, limit);
    for (const line of historyLines(room, messages, hub.ids.messages, hub.clock.now(), this.user)) this.host.send(line);
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

  sendFile(header: string, filePath: string, size: number): Promise<void> {
    return this.host.sendFile(header, filePath, size);
  }
}
