import { plural } from '../../util/text-layout.js';
import type { ChatStore } from '../../store/chat-store.js';
import { refuse } from '../refusals.js';
import { distanceText, formatSpan } from '../../util/date-text.js';

/** What makes an account's report count (`--report-min-age`, `--report-min-messages`). */
export interface StandingRule {
  minAgeMs: number;
  minMessages: number;
}

/**
 * Refuses, with NO_STANDING, a report from an account too new or too quiet to count: without
 * it, three accounts registered a second ago could silence anyone. The age is since
 * registration, the messages are every message the account ever sent (expired ones too).
 */
export async function requireStanding(store: ChatStore, rule: StandingRule, reporter: string, now: number): Promise<void> {
  if (rule.minAgeMs <= 0 && rule.minMessages <= 0) return;
  const user = await store.getUser(reporter);
  const createdAt = user?.createdAt ?? now;
  const sent = rule.minMessages > 0 ? await store.countSent(reporter) : 0;
  if (now - createdAt >= rule.minAgeMs && sent >= rule.minMessages) return;
  const needed: string[] = [];
  const have: string[] = [];
  if (rule.minAgeMs > 0) {
    needed.push(`at least ${formatSpan(rule.minAgeMs)} old`);
    have.push(`is ${distanceText(createdAt, now)} old`);
  }
  if (rule.minMessages > 0) {
    needed.push(`that have sent ${plural(rule.minMessages, 'message')}`);
    have.push(`has sent ${sent}`);
  }
  throw refuse.noStanding(needed.join(' '), have.join(' and '));
}
