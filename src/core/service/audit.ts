import type { CommandDefinition } from '../commands/define.js';
import type { Message } from '../message.js';
import type { AuditEntry, Repositories } from '../ports.js';
import type { Member, StoredRole } from '../types.js';
import type { CommandContext } from './context.js';
import { nameKey } from './resolve.js';

/** What became of an audited command. */
export type AuditOutcome = 'done' | 'refused' | 'forbidden' | 'previewed' | 'cancelled' | 'failed';

type SummaryValue = string | number | boolean | null;
export type AuditSummary = Record<string, SummaryValue>;

/** `confirm` and `cancel` are recorded as the command they confirm or cancel, not as themselves. */
const NOT_AUDITED = new Set(['confirm', 'cancel']);

/** Every command for ops or admins is audited, reads included (`inactive` lists names). */
export function isAudited(def: CommandDefinition): boolean {
  return (def.role === 'ops' || def.role === 'admin') && !NOT_AUDITED.has(def.id);
}

/** Longest argument value kept in a summary; the commands' own schemas bound them well below. */
const MAX_VALUE = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The member a typed reference (`{kind:'platformId'|'email'|'name', …}`) names now, if exactly one. */
async function memberOfRef(
  repos: Repositories,
  workspaceId: number,
  ref: Record<string, unknown>,
): Promise<Member | null> {
  if (ref.kind === 'platformId' && typeof ref.id === 'string') return repos.members.byPlatformId(workspaceId, ref.id);
  if (ref.kind === 'email' && typeof ref.email === 'string') return repos.members.byEmail(workspaceId, ref.email);
  if (ref.kind === 'name' && typeof ref.name === 'string') {
    const wanted = nameKey(ref.name);
    const found = (await repos.members.list(workspaceId)).filter((m) => wanted !== '' && nameKey(m.name) === wanted);
    return found.length === 1 ? (found[0] ?? null) : null;
  }
  return null;
}

/**
 * A command's validated arguments as the audit keeps them: members become the id of whom they name
 * (the typed mention, email or name is not kept, nor group words that turn out to name a person), a
 * set text only its length, channels their id;
 * switches, numbers and closed choices as they are. Nothing a member typed as prose is stored.
 */
export async function auditArguments(
  repos: Repositories,
  workspaceId: number,
  args: Record<string, unknown>,
): Promise<{ target: number | null; summary: AuditSummary }> {
  const summary: AuditSummary = {};
  let target: number | null = null;
  const member = async (ref: Record<string, unknown>): Promise<void> => {
    const found = await memberOfRef(repos, workspaceId, ref);
    if (found) target ??= found.id;
    else summary.member = 'unresolved';
  };
  /** Words naming a group may name a person (`prompt story 斎藤明美`): then only their id is kept. */
  const group = async (name: string): Promise<void> => {
    const found = await memberOfRef(repos, workspaceId, { kind: 'name', name });
    if (found) target ??= found.id;
    else summary.group = name.slice(0, MAX_VALUE);
  };
  for (const [key, value] of Object.entries(args)) {
    if (key === 'text' && typeof value === 'string') summary.textLength = value.length;
    else if (key === 'group' && typeof value === 'string') await group(value);
    else if (typeof value === 'string') summary[key] = value.slice(0, MAX_VALUE);
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) summary[key] = value;
    else if (isRecord(value)) {
      if (key === 'member') await member(value);
      else if (key === 'channel' && typeof value.id === 'string') summary.channel = value.id.slice(0, MAX_VALUE);
      else if (key === 'target' && value.kind === 'member' && isRecord(value.member)) await member(value.member);
      else if (key === 'target' && value.kind === 'group' && typeof value.name === 'string') await group(value.name);
    }
  }
  return { target, summary };
}

/** Records one audited event at the command's instant. */
export function recordAudit(
  ctx: CommandContext,
  command: string,
  targetMemberId: number | null,
  summary: AuditSummary,
): Promise<AuditEntry> {
  return ctx.deps.repos.audit.record({
    workspaceId: ctx.workspace.id,
    actorMemberId: ctx.caller.id,
    command,
    targetMemberId,
    summary,
    at: ctx.now.toISOString(),
  });
}

/** Records a command with its arguments and outcome (unless its handler recorded itself). */
export async function recordCommand(
  ctx: CommandContext,
  def: CommandDefinition,
  args: Record<string, unknown>,
  outcome: AuditOutcome,
): Promise<void> {
  if (!isAudited(def)) return;
  const { target, summary } = await auditArguments(ctx.deps.repos, ctx.workspace.id, args);
  await recordAudit(ctx, def.id, target, { ...summary, outcome });
}

/** An answer's outcome: a refusal or usage error, else done. */
export function outcomeOf(answer: Message): AuditOutcome {
  return answer.kind === 'command-error' ? 'refused' : 'done';
}

/**
 * Runs an audited command and records it: a handler that records itself in its own transaction (a
 * role change, `forget`) sets `ctx.audited`, and then nothing more is written. A command that throws
 * is recorded as failed, and the error goes on to the service.
 */
export async function runAudited(
  ctx: CommandContext,
  def: CommandDefinition,
  args: Record<string, unknown>,
): Promise<Message> {
  if (!isAudited(def)) return def.run(ctx, args);
  ctx.audited = false;
  // Resolved before the run: a command may change whom a reference names (`forget` clears it).
  const before = await auditArguments(ctx.deps.repos, ctx.workspace.id, args);
  let answer: Message;
  try {
    answer = await def.run(ctx, args);
  } catch (error) {
    await recordAudit(ctx, def.id, before.target, { ...before.summary, outcome: 'failed' });
    throw error;
  }
  if (!ctx.audited) await recordAudit(ctx, def.id, before.target, { ...before.summary, outcome: outcomeOf(answer) });
  return answer;
}

/**
 * A role change the directory made (a Slack workspace admin, or HIROBA_ADMINS), with no one issuing
 * a command: recorded with no actor. Called by the member sync in the same transaction as the change.
 */
export async function recordDirectoryRoleChange(
  repos: Repositories,
  workspaceId: number,
  member: Member,
  from: StoredRole | null,
  to: StoredRole,
  via: 'platform-admin' | 'configured-admin',
  at: Date,
): Promise<void> {
  await repos.audit.record({
    workspaceId,
    actorMemberId: null,
    command: 'role.directory',
    targetMemberId: member.id,
    summary: { from, to, via, outcome: 'done' },
    at: at.toISOString(),
  });
}
