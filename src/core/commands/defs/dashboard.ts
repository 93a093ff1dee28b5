import { z } from 'zod';
import { dashboardLink } from '../../service/dashboard-link.js';
import { defineCommand } from '../define.js';

/**
 * `dashboard` (managers, ops, admins): a one-time sign-in link to the web dashboard, answered to the
 * caller alone. Ops and admins see the whole workspace, a manager only their own reports.
 */
export const dashboardCommands = [
  defineCommand({
    id: 'dashboard',
    words: ['dashboard'],
    aliases: { dashboard: ['ダッシュボード'] },
    args: z.object({}),
    role: 'manager',
    help: [{ key: 'commands.line.dashboard' }],
    handler: (ctx) => dashboardLink(ctx),
  }),
];
