import { t } from '../core/i18n/index.js';
import type { Locale } from '../core/types.js';
import type { CronCheck } from './schedule.js';

/**
 * Why `validateCron` refused an expression, in the reader's language, for the `schedule set`
 * reply. The library's own words are kept only where they name the bad value.
 */
export function describeCronProblem(locale: Locale, check: Extract<CronCheck, { ok: false }>): string {
  switch (check.reason) {
    case 'fields':
      return t(locale, 'scheduler.cron.fields');
    case 'syntax':
      return t(locale, 'scheduler.cron.syntax', { detail: check.detail });
    case 'day-fields':
      return t(locale, 'scheduler.cron.day-fields');
    case 'disagree':
      return t(locale, 'scheduler.cron.disagree');
  }
}
