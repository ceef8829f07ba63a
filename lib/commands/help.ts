import { formatTable } from '../util/text-layout.js';
import type { CommandSpec } from './command.js';
import { refuse } from '../chat/refusals.js';

export const help: CommandSpec = {
  name: 'help',
  params: ['?command'],
  usage: '/help [command]',
  summary: 'list the commands, or explain one',
  details: ['Example:  /help send'],
  run(ctx, args) {
    if (args.command === undefined) {
      const unique = [...new Set(ctx.commands.values())].sort((a, b) => a.name.localeCompare(b.name));
      ctx.info('commands (a line without a slash is a message to your current room):');
      ctx.info(...formatTable(unique.map((c) => [c.usage, c.summary])));
      ctx.info('/help <command> for details and examples.');
      return;
    }
    const name = args.command.replace(/^\//, '').toLowerCase();
    const spec = ctx.commands.get(name);
    if (!spec) throw refuse.unknownCommand(name);
    ctx.info(`${spec.usage}: ${spec.summary}`);
    if (spec.aliases?.length) ctx.info(`also: ${spec.aliases.map((a) => '/' + a).join(' ')}`);
    const details = typeof spec.details === 'function' ? spec.details(ctx.now()) : spec.details;
    ctx.info(...(details ?? []));
  },
};
