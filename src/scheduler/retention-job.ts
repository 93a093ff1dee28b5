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

/**
 * The `retention` job: deletes finished outbox rows older than 90 days and ledger entries older
 * than 400 days, per workspace. Pending rows are never deleted. It sends nothing; the deletion runs
 * in the ledger transaction (`commit`), so a dry run only counts.
 */
export const retentionJob: JobDefinition = {
  name: 'retention',
  build({ workspace, now, repos, dryRun }) {
    const outboxBefore = new Date(now.getTime() - OUTBOX_RETENTION_DAYS * DAY_MS).toISOString();
    const ledgerBefore = new Date(now.getTime() - LEDGER_RETENTION_DAYS * DAY_MS).toISOString();
    const outbox = repos.outbox.countFinishedBefore(workspace.id, outboxBefore);
    const ledger = repos.ledger.countBefore(workspace.id, ledgerBefore);
    return {
      rows: [],
      detail: t(workspace.settings.locale, dryRun ? 'scheduler.retention.wouldDelete' : 'scheduler.retention.deleted', {
        outbox,
        outboxBefore,
        ledger,
        ledgerBefore,
      }),
      commit: () => {
        repos.outbox.deleteFinishedBefore(workspace.id, outboxBefore);
        repos.ledger.deleteBefore(workspace.id, ledgerBefore);
        // Platforms redeliver within hours; a tombstone this old can no longer meet its add.
        repos.activities.deleteTombstonesBefore(workspace.id, outboxBefore);
        repos.conversationRefs.deleteBefore(
          workspace.id,
          'author:',
          new Date(now.getTime() - AUTHOR_RETENTION_DAYS * DAY_MS).toISOString(),
        );
      },
    };
  },
};
