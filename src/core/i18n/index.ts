import type { Locale } from '../types.js';
import { adapters as enAdapters } from './en/adapters.js';
import { cli as enCli } from './en/cli.js';
import { commands as enCommands } from './en/commands.js';
import { common as enCommon } from './en/common.js';
import { dashboard as enDashboard } from './en/dashboard.js';
import { demo as enDemo } from './en/demo.js';
import { programs as enPrograms } from './en/programs.js';
import { replies as enReplies } from './en/replies.js';
import { scheduler as enScheduler } from './en/scheduler.js';
import { adapters as jaAdapters } from './ja/adapters.js';
import { cli as jaCli } from './ja/cli.js';
import { commands as jaCommands } from './ja/commands.js';
import { common as jaCommon } from './ja/common.js';
import { dashboard as jaDashboard } from './ja/dashboard.js';
import { demo as jaDemo } from './ja/demo.js';
import { programs as jaPrograms } from './ja/programs.js';
import { replies as jaReplies } from './ja/replies.js';
import { scheduler as jaScheduler } from './ja/scheduler.js';

const ja = {
  ...jaCommon,
  ...jaPrograms,
  ...jaCommands,
  ...jaAdapters,
  ...jaScheduler,
  ...jaReplies,
  ...jaDemo,
  ...jaCli,
  ...jaDashboard,
};
export type TextKey = keyof typeof ja;
const en: Record<TextKey, string> = {
  ...enCommon,
  ...enPrograms,
  ...enCommands,
  ...enAdapters,
  ...enScheduler,
  ...enReplies,
  ...enDemo,
  ...enCli,
  ...enDashboard,
};

/** Every catalogue, for the parity test. */
export const catalogues: Record<Locale, Record<TextKey, string>> = { ja, en };

export type TextParams = Record<string, string | number>;

/**
 * The text for a key in a locale, with `{name}` placeholders filled. A missing parameter is left
 * visible as `{name}` so a test catches it; numbers are formatted for the locale.
 */
export function t(locale: Locale, key: TextKey, params: TextParams = {}): string {
  const template = catalogues[locale][key];
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

export function formatNumber(locale: Locale, value: number): string {
  return numberFormats[locale].format(value);
}

// Built once: an Intl.NumberFormat costs tens of microseconds to make, and a run of manager reports
// formats a few hundred thousand numbers.
const numberFormats: Record<Locale, Intl.NumberFormat> = {
  ja: new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }),
};
const percentFormats: Record<Locale, Intl.NumberFormat> = {
  ja: new Intl.NumberFormat('ja-JP', { style: 'percent', maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 }),
};

/** A 0–1 ratio as a percentage ("42%"). */
export function formatPercent(locale: Locale, ratio: number): string {
  return percentFormats[locale].format(ratio);
}
