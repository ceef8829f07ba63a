import { isOperator } from '../chat/moderation/operators.js';
import { formatWhen } from '../util/time-text.js';
import type { CommandSpec } from './command.js';
import { visibleRoom } from './room-arg.js';

export const topic: CommandSpec = {
  name: 'topic',
  params: ['?room', '?text...'],
  usage: '/topic [room] [text]',
  summary: "show a room's topic (default: the current room's); its owner or an operator sets it",
  details: [
    'Example:  /topic dev                       shows the topic of #dev',
    'Example:  /topic dev Release on Friday     sets it: every member is told (IRC clients see it as the TOPIC)',
    'Example:  /topic dev -                     clears it',
  ],
  async run(ctx, args) {
    const room = visibleRoom(ctx, args.room ?? ctx.currentRoom);
    if (args.text === undefined) {
      const current = ctx.chat.rooms.get(room)?.record.topic;
      ctx.info(current ? `topic of #${room}: ${current.text} (set by ${current.by} ${formatWhen(current.at, ctx.now())})` : `#${room} has no topic`);
      return;
    }
    // Every member is told, this session too (a notice), so nothing more is said here.
    await ctx.chat.rooms.setTopic(ctx.nick, room, args.text === '-' ? '' : args.text, isOperator(ctx.config, ctx.nick));
  },
};
