import type { Locale } from '../types.js';

const JA_DAYS = ['日', '月', '火', '水', '木', '金', '土', '日'];
const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const EN_NTH = ['', 'first', 'second', 'third', 'fourth', 'fifth'];
const NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** When a schedule fires, read from its cron: the local times and the days of the week (0 = Sunday). */
export interface CronTimes {
  /** Minutes since local midnight at which it fires. */
  minutes: number[];
  /** Days of the week it may fire on; null = every day. */
  weekdays: number[] | null;
}

function dayNumber(text: string): number | null {
  const lower = text.toLowerCase();
  if (lower in NAMES) return NAMES[lower] ?? null;
  if (!/^\d+$/u.test(text)) return null;
  const n = Number(text);
  return n >= 0 && n <= 7 ? n % 7 : null;
}

function numbers(field: string, max: number): number[] | null {
  if (field === '*') return null;
  const out: number[] = [];
  for (const part of field.split(',')) {
    const range = /^(\d+)-(\d+)$/u.exec(part);
    if (range) {
      for (let i = Number(range[1]); i <= Number(range[2]) && i <= max; i++) out.push(i);
    } else if (/^\d+$/u.test(part)) out.push(Number(part));
    else return null;
  }
  return out;
}

/** The five fields (a six-field cron's seconds dropped). */
function fieldsOf(expression: string): string[] | null {
  const fields = expression.trim().split(/\s+/u);
  if (fields.length === 6) fields.shift();
  return fields.length === 5 ? fields : null;
}

/** Times and weekdays of a cron, when they can be read (for the quiet-hours warning); null otherwise. */
export function cronTimes(expression: string): CronTimes | null {
  const fields = fieldsOf(expression);
  if (!fields) return null;
  const [minute = '', hour = '', , , dow = ''] = fields;
  const minutes = numbers(minute, 59);
  const hours = numbers(hour, 23);
  if (!minutes || !hours) return null;
  let weekdays: number[] | null = null;
  if (dow !== '*' && dow !== '?') {
    const list: number[] = [];
    for (const part of dow.split(',')) {
      const base = part.split('#')[0] ?? '';
      const range = /^(\w+)-(\w+)$/u.exec(base);
      if (range) {
        const a = dayNumber(range[1] ?? '');
        const b = dayNumber(range[2] ?? '');
        if (a === null || b === null) return null;
        for (let i = a; i <= (b < a ? b + 7 : b); i++) list.push(i % 7);
      } else {
        const d = dayNumber(base);
        if (d === null) return null;
        list.push(d);
      }
    }
    weekdays = list;
  }
  return { minutes: hours.flatMap((h) => minutes.map((m) => h * 60 + m)), weekdays };
}

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A cron schedule in words: "毎週金曜 16:00", "毎月第1月曜 10:00", "毎日 06:00", "every Friday at
 * 16:00". Null when the expression is beyond these common shapes (the cron itself is then shown).
 */
export function describeCron(expression: string, locale: Locale): string | null {
  const fields = fieldsOf(expression);
  if (!fields) return null;
  const [minute = '', hour = '', dom = '', month = '', dow = ''] = fields;
  if (month !== '*' || !/^\d+$/u.test(minute) || !/^\d+$/u.test(hour)) return null;
  const at = hhmm(Number(hour) * 60 + Number(minute));
  const ja = locale === 'ja';
  if (dom === '*' && (dow === '*' || dow === '?')) return ja ? `毎日 ${at}` : `every day at ${at}`;
  if (dom === '*') {
    const nth = /^(\w+)#([1-5])$/u.exec(dow);
    if (nth) {
      const d = dayNumber(nth[1] ?? '');
      if (d === null) return null;
      const n = Number(nth[2]);
      return ja ? `毎月第${n}${JA_DAYS[d]}曜 ${at}` : `the ${EN_NTH[n]} ${EN_DAYS[d]} of every month at ${at}`;
    }
    if (dow === '1-5' || dow === 'mon-fri' || dow === 'MON-FRI')
      return ja ? `平日毎日 ${at}` : `every weekday at ${at}`;
    const days = dow.split(',').map(dayNumber);
    if (days.some((d) => d === null)) return null;
    const list = days as number[];
    return ja
      ? `毎週${list.map((d) => `${JA_DAYS[d]}曜`).join('・')} ${at}`
      : `every ${list.map((d) => EN_DAYS[d]).join(' and ')} at ${at}`;
  }
  if (/^\d+$/u.test(dom) && (dow === '*' || dow === '?')) {
    return ja ? `毎月${Number(dom)}日 ${at}` : `day ${Number(dom)} of every month at ${at}`;
  }
  return null;
}
