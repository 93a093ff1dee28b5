import { messageToPlainText } from '../core/message.js';
import type { NewOutboxRow, Repositories } from '../core/ports.js';
import type { Locale, Workspace } from '../core/types.js';
import type { CliIo } from './io.js';
import { cliSay } from './lang.js';

type Say = ReturnType<typeof cliSay>;

/** `2026年3月6日(金) 16:00` / `Fri, Mar 6, 2026, 16:00`, in the workspace's zone. */
export function formatInstant(locale: Locale, instant: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
    timeZone,
    year: 'numeric',
    month: locale === 'ja' ? 'long' : 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/**
 * Who a dry run would reach: counts (members by department, channels), then each message under a
 * line naming its recipient as ops know them (name and department, the platform id after).
 */
export async function printRecipients(
  rows: readonly NewOutboxRow[],
  repos: Repositories,
  workspace: Workspace,
  locale: Locale,
  io: CliIo,
): Promise<void> {
  if (rows.length === 0) return;
  const say: Say = cliSay(locale);
  const noDepartment = say('cli.runJob.noDepartment');
  const memberOf = (id: string) => repos.members.byPlatformId(workspace.id, id);
  const members = rows.filter((row) => row.recipient.kind === 'member');
  const byDepartment = new Map<string, number>();
  for (const row of members) {
    const department = (await memberOf(row.recipient.id))?.department ?? noDepartment;
    byDepartment.set(department, (byDepartment.get(department) ?? 0) + 1);
  }
  io.out(say('cli.runJob.recipients', { members: members.length, channels: rows.length - members.length }));
  if (byDepartment.size > 0) {
    const list = [...byDepartment]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], locale))
      .map(([department, count]) => say('cli.runJob.departmentCount', { department, count }));
    io.out(say('cli.runJob.byDepartment', { list: list.join(say('cli.import.listSeparator')) }));
  }
  for (const row of rows) {
    const id = row.recipient.id;
    let line: string;
    if (row.recipient.kind === 'channel') {
      line = say('cli.runJob.toChannel', { channel: id });
    } else {
      const member = await memberOf(id);
      line =
        member === null
          ? say('cli.runJob.toUnknownMember', { id })
          : say('cli.runJob.toMember', { name: member.name, department: member.department ?? noDepartment, id });
    }
    if (row.notBefore > row.createdAt) {
      line += say('cli.runJob.notBefore', { at: formatInstant(locale, row.notBefore, workspace.settings.timezone) });
    }
    io.out(line);
    for (const text of messageToPlainText(row.message).split('\n')) io.out(`    ${text}`);
  }
}
