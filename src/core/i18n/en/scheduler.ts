import type { scheduler as ja } from '../ja/scheduler.js';

/** English text: scheduler. Same keys as the Japanese catalogue. */
export const scheduler: Record<keyof typeof ja, string> = {
  'scheduler.cron.fields': 'wrong number of fields; five are needed: minute hour day month weekday',
  'scheduler.cron.syntax': 'a value cannot be read: {detail}',
  'scheduler.cron.day-fields':
    'give a day of the month or a weekday, not both; for "first Monday of the month" write the weekday as "0 10 * * 1#1"',
  'scheduler.cron.disagree': 'the run times of this expression are ambiguous; use a simpler expression',
  'scheduler.retention.deleted':
    'deleted {outbox} outbox row(s) finished before {outboxBefore}, {ledger} ledger entr(ies) before {ledgerBefore}, {activities} activit(ies) before {activitiesBefore} (kept {days} days; daily rollups stay)',
  'scheduler.retention.wouldDelete':
    'would delete {outbox} outbox row(s) finished before {outboxBefore}, {ledger} ledger entr(ies) before {ledgerBefore}, {activities} activit(ies) before {activitiesBefore} (kept {days} days; daily rollups stay)',
  'scheduler.directorySync.noAdapter': 'no {platform} adapter running',
  'scheduler.directorySync.entries': '{count} directory entries',
};
