import type { Accounts } from '../../auth/accounts.js';
import type { ChatCore } from '../../chat/chat-core.js';
import type { OnlineUser } from '../../chat/hub/online-user.js';
import { refuse } from '../../chat/refusals.js';
import type { AnnouncedFile, CommandContext, CommandSpec, MessageView } from '../../commands/command.js';
import type { ServerConfig } from '../../config.js';
import type { MessageRecord } from '../../store/records.js';
import { plural } from '../../util/text-layout.js';
import { formatTime } from '../../util/time-text.js';
import { actionOf } from '../../chat/text/action.js';
import { roomToIrcChannel } from './casemap.js';
import type { IrcConnection } from './irc-connection.js';

/** A stored message as one NOTICE line: `[14:05] #general <alice> hello`. */
function noticeLine(message: MessageRecord, id: string, now: number): string {
  const where = message.kind === 'private' ? `(private) <${message.from} -> ${message.to ?? '?'}>` : `${roomToIrcChannel(message.room ?? '?')} <${message.from}>`;
  const action = actionOf(message.text);
  const edited = message.editedAt === null ? '' : '(edited) ';
  return `[${formatTime(message.createdAt, now)}] [${id}] ${where} ${edited}${action === undefined ? message.text : `* ${action}`}`;
}

/**
 * The CommandContext of the service nick: chat-line's commands run as they do on the line
 * protocol, and what they answer comes back as NOTICEs from `*server*`.
 */
export class IrcServiceContext implements CommandContext {
  readonly colour = false;

  constructor(private readonly host: IrcConnection) {}

  get chat(): ChatCore {
    return this.host.chat;
  }

  get accounts(): Accounts {
    return this.host.accounts;
  }

  get config(): ServerConfig {
    return this.host.config;
  }

  get commands(): ReadonlyMap<string, CommandSpec> {
    return this.host.commands;
  }

  get user(): OnlineUser {
    return this.host.me;
  }

  get nick(): string {
    return this.host.me.nick;
  }

  get serverAddress(): string {
    return this.host.serverAddress();
  }

  get currentRoom(): string {
    return this.host.currentRoom;
  }

  set currentRoom(room: string) {
    this.host.currentRoom = room;
  }

  now(): number {
    return this.host.now();
  }

  info(...texts: string[]): void {
    for (const text of texts) this.host.serviceNotice(text === '' ? ' ' : text);
  }

  show(view: MessageView): void {
    const ids = this.chat.ids.messages;
    const now = this.now();
    if (view.kind === 'motd') {
      this.info(...(view.text === null ? ['there is no message of the day'] : view.text.split('\n').map((line) => `motd: ${line}`)));
      return;
    }
    const lines = (title: string, messages: readonly MessageRecord[], end: string): void => {
      this.info(title, ...messages.map((m) => noticeLine(m, ids.encode(m.id), now)), end);
    };
    switch (view.kind) {
      case 'history':
        lines(`history: last ${plural(view.messages.length, 'message')} of #${view.room}:`, view.messages, 'end of history');
        return;
      case 'thread':
        lines(`thread of [${ids.encode(view.root.id)}], ${plural(view.comments.length, 'comment')}:`, [view.root, ...view.comments], 'end of thread');
        return;
      case 'page': {
        const { of, messages } = view.page;
        const whose = 'room' in of ? roomToIrcChannel(of.room) : `your conversation with ${of.with}`;
        if (messages.length === 0) this.info(`no messages of ${whose}`);
        else lines(`history: ${plural(messages.length, 'message')} of ${whose}:`, messages, 'end of history');
        return;
      }
      case 'search': {
        const { results, query, next, page } = view;
        const what = `"${query}"${page > 1 ? `, page ${page}` : ''}`;
        if (results.messages.length === 0) this.info(`no messages found for ${what}`);
        // The next page is asked for as every other command here: through the service nick.
        else lines(`search for ${what}: ${plural(results.messages.length, 'message')}, newest first:`, results.messages, next === null ? 'end of search' : `end of search; more: /msg *server* ${next.replace(/^\//, '')}`);
        return;
      }
    }
  }

  finishLater(stored: Promise<unknown>): void {
    this.host.finishLater(stored);
  }

  allFinished(): Promise<void> {
    return this.host.allFinished();
  }

  quit(reason: string): void {
    this.host.close(reason);
  }

  /** IRC carries no file bytes: `/upload` is for the line protocol. */
  announcedUpload(): AnnouncedFile | undefined {
    return undefined;
  }

  sendFile(): Promise<void> {
    return Promise.reject(refuse.invalidArgument('Files cannot be downloaded over IRC: use the chat-line client (chat-line 127.0.0.1 8000, then /download <id>).'));
  }
}
