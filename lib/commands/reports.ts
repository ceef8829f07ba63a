import { formatTable } from '../util/text-layout.js';
import { formatTime } from '../util/time-text.js';
import type { CommandSpec } from './command.js';
import { requireOperator } from './operator-only.js';
import { registeredUser } from './user-arg.js';

export const reports: CommandSpec = {
  name: 'reports',
  params: ['?nick'],
  usage: '/reports [nick]',
  summary: '(operators) who reported whom and when, in the current ban cycles',
  details: [
    'Example:  /reports         every report that has not ended in a ban yet, and those of bans in force',
    'Example:  /reports bob     the reports against bob',
    'Reported users are only told how many reported them, never who.',
  ],
  async run(ctx, args) {
    requireOperator(ctx, 'reports');
    const rules = ctx.chat.reports;
    const target = args.nick === undefined ? undefined : (await registeredUser(ctx, args.nick)).nick;
    const filed = target === undefined ? await rules.allReports() : await rules.reportsAgainst(target);
    if (filed.length === 0) {
      ctx.info(target === undefined ? 'no reports' : `no reports against ${target}`);
      return;
    }
    const now = ctx.now();
    ctx.info(
      target === undefined ? `reports in the current ban cycles (${filed.length}):` : `reports against ${target} (${filed.length} of ${rules.threshold} ban):`,
    );
    ctx.info(...formatTable(filed.map((report) => [report.target, `by ${report.reporter}`, formatTime(report.at, now)])));
  },
};
