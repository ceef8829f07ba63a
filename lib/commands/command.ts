import type { Accounts } from '../auth/accounts.js';
import type { ChatCore } from '../chat/chat-core.js';
import type { HistoryPage } from '../chat/history.js';
import type { SearchResults } from '../chat/search.js';
import type { ServerConfig } from '../config.js';
import type { OnlineUser } from '../chat/hub/online-user.js';
import type { FileRecord, MessageRecord } from '../store/records.js';
import type { ParamSpec } from './bind-args.js';

/**
 * Stored things a command shows its user; each front end frames them its own way (the
 * line protocol with `-- history: …` / `-- end of history` lines around message lines).
 */
export type MessageView =
  | { kind: 'history'; room: string; messages: readonly MessageRecord[] }
  | { kind: 'thread'; root: MessageRecord; comments: readonly MessageRecord[] }
  /** A page of `/history`: `count` asked for, from the newest or before/after/around message `id`. */
  | { kind: 'page'; page: HistoryPage; from: PageStart; count: number }
  /** A page of `/search` results for `query` (as typed); `next`: the line that shows the next page, if there is one. */
  | { kind: 'search'; query: string; results: SearchResults; page: number; next: string | null }
  | { kind: 'motd'; text: string | null };

/** Where a page of history starts: the newest messages, or before, after or around a message. */
export type PageStart = { kind: 'latest' } | { kind: 'before' | 'after' | 'around'; id: number };

/** The bytes an `/upload` line announced: the command takes them into a file, or they are dropped. */
export interface AnnouncedFile {
  readonly size: number;
  /** Writes the bytes to `tempPath`; resolves once all are there, synced. */
  accept(tempPath: string): Promise<void>;
}

/** What a command handler can see and do: the chat's services, and its own session. */
export interface CommandContext {
  readonly chat: ChatCore;
  readonly accounts: Accounts;
  readonly config: ServerConfig;
  /** The time now, by the server's clock. */
  now(): number;
  readonly user: OnlineUser;
  readonly nick: string;
  /** `host:port` of the server as this user reached it, for links they can pass on. */
  readonly serverAddress: string;
  /** The room plain lines go to, for this session. */
  currentRoom: string;
  /** Whether this session shows colour (`/color`): this connection's only. */
  colour: boolean;
  /** Tells this session only, a line of text each (`-- text` on the line protocol). */
  info(...texts: string[]): void;
  /** Shows stored messages (or the message of the day) to this session only. */
  show(view: MessageView): void;
  /**
   * Lets a sent message finish storing while this session's next lines are handled; a
   * failure is reported to the session when it happens. Only for `pipelined` commands.
   */
  finishLater(stored: Promise<unknown>): void;
  /** Resolves once everything handed to finishLater has finished. */
  allFinished(): Promise<void>;
  /** Ends this session after the goodbye line. */
  quit(reason: string): void;
  /** The file bytes the line being handled announced, if it is an `/upload` line with a size. */
  announcedUpload(): AnnouncedFile | 'too-large' | undefined;
  /** Sends the file (its record says what it is) whose bytes are at `filePath`. */
  sendFile(file: FileRecord, filePath: string): Promise<void>;
  readonly commands: ReadonlyMap<string, CommandSpec>;
}

export type CommandArgs = Record<string, string | undefined>;

export interface CommandSpec {
  name: string;
  aliases?: readonly string[];
  params: ParamSpec;
  /** `/send <nick> <message>` */
  usage: string;
  /** One line for `/help`. */
  summary: string;
  /** More lines for `/help <command>`, with examples; a function when an example depends on the time now. */
  details?: readonly string[] | ((now: number) => readonly string[]);
  /**
   * A send: the next line may run while this one's message is being stored (the order
   * is fixed once the hub has queued it). Every other command waits until the session's
   * earlier messages are stored, so it sees them (see runCommand).
   */
  pipelined?: boolean;
  run(ctx: CommandContext, args: CommandArgs): Promise<void> | void;
}

/** Reads an argument the param spec made required; the binder has already checked it. */
export function required(args: CommandArgs, name: string): string {
  const value = args[name];
  if (value === undefined) throw new Error(`argument ${name} missing after binding`);
  return value;
}
