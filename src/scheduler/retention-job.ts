import { t } from '../core/i18n/index.js';
import type { JobDefinition } from './job-runner.js';

/** Sent and failed messages are kept this long (delivery questions, audits), then deleted. */
export const OUTBOX_RETENTION_DAYS = 90;
/**
 * Ledger entries are kept longer than a year so a monthly job can never see its own period again
 * as new; catch-up looks back at most 8 periods, far inside this.
 */
export const LEDGER_RETENTION_DAYS = 400;

/**
 * Who wrote a channel message (Teams keeps `author:` references to target replies and reactions):
 * a reply or reaction to a message older than this counts without a target.
 */
export const AUTHOR_RETENTION_DAYS = 90;

const DAY_MS = 86_400_000;

const daysBefore = (now: Date, days: number): string => new Date(now.getTime() - days * DAY_MS).toISOString();

/**
 * The `retention` job, per workspace: deletes finished outbox rows older than 90 days, ledger entries
 * older than 400 days, and raw activities older than the workspace's `retentionDays` (default 180).
 * The daily rollups stay, so scores and weekly figures built from them do not change; each member's
 * first and last contribution and last activity stay too (see `ActivityRepo.deleteBefore`). Pending
 * rows are never deleted. It sends nothing; the deletion runs in the ledger transaction (`commit`),
 * so a dry run only counts.
 */
export const retentionJob: JobDefinition = {
  name: 'retention',
  async build({ workspace, now, repos, dryRun }) {
    const days = workspace.settings.retentionDays;
    const outboxBefore = daysBefore(now, OUTBOX_RETENTION_DAYS);
    const ledgerBefore = daysBefore(now, LEDGER_RETENTION_DAYS);
    const activitiesBefore = daysBefore(now, days);
    // Platforms redeliver within hours; a tombstone older than either bound can no longer meet its add.
    const tombstonesBefore = daysBefore(now, Math.min(OUTBOX_RETENTION_DAYS, days));
    const outbox = await repos.outbox.countFinishedBefore(workspace.id, outboxBefore);
    const ledger = await repos.ledger.countBefore(workspace.id, ledgerBefore);
    const activities = await repos.activities.countBefore(workspace.id, activitiesBefore);
    return {
      rows: [],
      detail: t(workspace.settings.locale, dryRun ? 'scheduler.retention.wouldDelete' : 'scheduler.retention.deleted', {
        outbox,
        outboxBefore,
        ledger,
        ledgerBefore,
        activities,
        activitiesBefore,
        days,
      }),
      commit: async () => {
        await repos.outbox.deleteFinishedBefore(workspace.id, outboxBefore);
        await repos.ledger.deleteBefore(workspace.id, ledgerBefore);
        await repos.activities.deleteBefore(workspace.id, activitiesBefore);
        await repos.activities.deleteTombstonesBefore(workspace.id, tombstonesBefore);
        await repos.conversationRefs.deleteBefore(workspace.id, 'author:', daysBefore(now, AUTHOR_RETENTION_DAYS));
      },
    };
  },
};
