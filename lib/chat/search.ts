import type { ChatStore } from '../store/chat-store.js';
import type { SearchQuery } from '../store/message-store.js';
import type { MessageRecord } from '../store/records.js';
import { searchWords } from '../store/search-words.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';
import { requireMember, type HistoryOf } from './history.js';
import type { ChatHub } from './hub/chat-hub.js';
import type { MessageLifetime } from './lifetime.js';
import { refuse } from './refusals.js';

/** Most words a search may have (each is a set to intersect). */
export const MAX_SEARCH_WORDS = 8;
/** Deepest page: a page costs what all pages before it do. */
export const MAX_SEARCH_PAGE = 50;

export interface SearchRequest {
  /** What the user typed to search for. */
  readonly text: string;
  /** Only this room, or this private conversation; everything the user may see otherwise. */
  readonly in?: HistoryOf;
  /** Only messages from this user. */
  readonly from?: string;
  /** Only messages created at or after this time. */
  readonly since?: number;
  /** From 1. */
  readonly page: number;
  readonly pageSize: number;
}

export interface SearchResults {
  /** The words searched for (search-words.ts): a front end may highlight them. */
  readonly words: readonly string[];
  /** Newest first. */
  readonly messages: readonly MessageRecord[];
  /** Whether a next page has more. */
  readonly more: boolean;
}

/**
 * Full-text search (`/search`) over what the user may read and nothing else: the rooms they
 * are in (private ones included) and their own private conversations, never a message of a
 * room they are not in or between others, in the results or in their number. Expired
 * messages are not found; the store does the finding (lib/store/search-words.ts says what a
 * word is).
 */
export class Search {
  constructor(
    private readonly hub: ChatHub,
    private readonly store: ChatStore,
    private readonly clock: Clock,
    private readonly lifetime: MessageLifetime,
    private readonly logger: Logger,
  ) {}

  async find(nick: string, request: SearchRequest): Promise<SearchResults> {
    const words = searchWords(request.text);
    if (words.length === 0) throw refuse.invalidArgument('Give at least one word to search for (letters or digits), e.g. /search deploy friday');
    if (words.length > MAX_SEARCH_WORDS) throw refuse.invalidArgument(`Search for at most ${MAX_SEARCH_WORDS} words at a time.`);
    if (!Number.isInteger(request.page) || request.page < 1 || request.page > MAX_SEARCH_PAGE) {
      throw refuse.invalidArgument(`The page must be a whole number from 1 to ${MAX_SEARCH_PAGE}, e.g. --page 2.`);
    }
    const from = request.from === undefined ? undefined : await this.registered(request.from);
    const now = this.clock.now();
    const query: SearchQuery = {
      words,
      ...(await this.where(nick, request.in)),
      ...(from === undefined ? {} : { from }),
      ...(request.since === undefined ? {} : { since: request.since }),
      expiredUpTo: this.lifetime.ttlMs > 0 ? now - this.lifetime.ttlMs : null,
      offset: (request.page - 1) * request.pageSize,
      limit: request.pageSize,
    };
    const page = await this.store.search(query);
    this.logger.info('search', { nick, words: words.length, page: request.page, found: page.messages.length });
    return { words, messages: page.messages, more: page.more };
  }

  /** Where `nick` may look: one room of theirs, one conversation of theirs, or all of both. */
  private async where(nick: string, of: HistoryOf | undefined): Promise<Pick<SearchQuery, 'rooms' | 'privateOf' | 'privateWith'>> {
    if (of === undefined) return { rooms: this.hub.rooms.roomsOf(nick), privateOf: nick };
    if ('with' in of) return { rooms: [], privateOf: nick, privateWith: await this.registered(of.with) };
    requireMember(this.hub, of.room, nick);
    return { rooms: [of.room], privateOf: null };
  }

  private async registered(nick: string): Promise<string> {
    const user = await this.store.getUser(nick);
    if (!user) throw refuse.noSuchUser(nick);
    return user.nick;
  }
}
