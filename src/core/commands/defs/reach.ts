import { z } from 'zod';
import { formatPeople } from '../../i18n/dates.js';
import { formatPercent, t } from '../../i18n/index.js';
import type { Block } from '../../message.js';
import { fieldsBlock, textBlock } from '../../programs/blocks.js';
import { titled } from '../../service/replies.js';
import { defineCommand } from '../define.js';

/**
 * `reach` (ops): how many members Hiroba can message. Teams lets a bot open a chat only with people
 * who have the app installed, so those it could not reach are counted for ops to push the install.
 */
export const reachCommands = [
  defineCommand({
    id: 'reach',
    words: ['reach'],
    aliases: { reach: ['到達', '到達状況'] },
    args: z.object({}),
    role: 'ops',
    help: [{ key: 'commands.line.reach' }],
    handler: async (ctx) => {
      const snap = await ctx.snapshot();
      const l = ctx.locale;
      const people = snap.eligible;
      const noAccount = people.filter((m) => m.platformId === null).length;
      const blocked = people.filter((m) => m.platformId !== null && m.blockedBot).length;
      const notInstalled = people.filter((m) => m.platformId !== null && !m.blockedBot && m.reachable === false).length;
      const optedOut = people.filter(
        (m) => m.platformId !== null && !m.blockedBot && m.reachable !== false && m.optedOut,
      ).length;
      const reachable = people.length - noAccount - blocked - notInstalled;
      const blocks: Block[] = [
        fieldsBlock([
          {
            label: t(l, 'replies.reach.reachable'),
            value: `${formatPeople(l, reachable)} / ${formatPeople(l, people.length)}`,
          },
          { label: t(l, 'replies.reach.optedOut'), value: formatPeople(l, optedOut) },
          { label: t(l, 'replies.reach.notInstalled'), value: formatPeople(l, notInstalled) },
          { label: t(l, 'replies.reach.blocked'), value: formatPeople(l, blocked) },
          { label: t(l, 'replies.reach.noAccount'), value: formatPeople(l, noAccount) },
        ]),
      ];
      if (notInstalled > 0) blocks.push(textBlock(t(l, 'replies.reach.installHint', { count: notInstalled }), true));
      if (noAccount > 0) blocks.push(textBlock(t(l, 'replies.reach.noAccountHint', { count: noAccount }), true));
      return titled(
        'reach',
        t(l, 'replies.reach.title', { share: formatPercent(l, people.length === 0 ? 0 : reachable / people.length) }),
        blocks,
      );
    },
  }),
];
