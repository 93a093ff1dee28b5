import { z } from 'zod';
import { createCommandRegistry } from './commands/registry.js';
import { eligibleMembers } from './groups.js';
import { t } from './i18n/index.js';
import { type FormKind, formKindSchema, type Message } from './message.js';
import type {
  ActionRequest,
  ActivityInput,
  Caller,
  CommandRequest,
  FormResult,
  FormSubmission,
  HirobaCore,
  NewOutboxRow,
  Recipient,
  RecordResult,
} from './ports.js';
import {
  ACTION_IDS,
  DEFAULT_SCORING,
  firstPostThanks,
  formFor,
  formReceived,
  managerCanSee,
  managerNeverSees,
  memberHome,
  moderationDecided,
  moderationRequest,
  storyPost,
} from './programs/index.js';
import { messageRefusal } from './reach.js';
import type { ServiceDeps } from './service/context.js';
import { type DeferredDeps, deferActivity, retryDeferred } from './service/deferred-activities.js';
import { answersSlowly, CONFIRM_ACTIONS, confirmAction, dispatch } from './service/dispatch.js';
import { validateForm } from './service/forms.js';
import { localeOf } from './service/locale.js';
import { syncDirectoryEntries, upsertMemberEntry } from './service/members.js';
import { FORM_CHANNEL, recordActivityKnowing } from './service/record-activity.js';
import { problem, roleName } from './service/replies.js';
import { effectiveRole, hasRole } from './service/roles.js';
import { includeRolloutMembers, kickoffQueued, queueKickoff } from './service/rollout.js';
import { memberScore, stateOf } from './service/snapshot.js';
import {
  type Activity,
  defaultSettings,
  type Locale,
  localeSchema,
  type Member,
  type Platform,
  snsChannel,
  type Workspace,
} from './types.js';

export type { ServiceDeps } from './service/context.js';

export interface CoreOptions extends ServiceDeps {
  /** Settings a new workspace starts with (HIROBA_TIMEZONE, HIROBA_LOCALE). */
  defaults?: { timezone?: string; locale?: Locale };
  /** Where unexpected failures are reported; never shown to the user. */
  logError?: (message: string, error: unknown) => void;
}

/** The caller as adapters give it; a platform locale Hiroba does not speak counts as unknown. */
const callerSchema = z.object({
  workspaceId: z.number().int().positive(),
  platformId: z.string().min(1).max(200),
  locale: z
    .preprocess((v) => (typeof v === 'string' ? v.slice(0, 2).toLowerCase() : v), localeSchema.nullable().catch(null))
    .optional(),
  channelId: z.string().max(200).nullable().optional(),
});

export { FORM_CHANNEL } from './service/record-activity.js';

/** What a form submission must hold before its fields are checked; the key becomes an event id. */
const submissionShape = z.object({
  kind: formKindSchema,
  values: z.record(z.string(), z.string()),
  submissionKey: z
    .string()
    .min(1)
    .max(200)
    .refine((key) => !/\p{Cs}/u.test(key)),
});

/**
 * The core service the adapters call (`HirobaCore`): ingest, commands, forms, buttons, home.
 * Everything it sends goes into the outbox; the worker delivers it. Built once by main.ts.
 */
export function createHirobaCore(options: CoreOptions): HirobaCore {
  const { repos, clock } = options;
  const admins = new Set((options.admins ?? []).map((a) => a.trim().toLowerCase()).filter(Boolean));
  const memberDeps = { repos, admins };
  const logError = options.logError ?? (() => undefined);
  const commands = createCommandRegistry();

  async function workspaceById(id: number): Promise<Workspace> {
    // A value that is no row id at all (an adapter bug) is refused like an unknown one.
    const ws = Number.isSafeInteger(id) && id > 0 ? await repos.workspaces.get(id) : null;
    if (!ws) throw new Error(`workspace ${typeof id === 'number' ? id : typeof id} does not exist`);
    return ws;
  }

  /** The caller as a member; someone the directory has not synced yet is created from their id. */
  async function callerMember(ws: Workspace, raw: Caller): Promise<Member> {
    const caller = callerSchema.parse(raw);
    const found = await repos.members.byPlatformId(ws.id, caller.platformId);
    if (found) {
      if (found.locale === null && caller.locale) return repos.members.update(found.id, { locale: caller.locale });
      return found;
    }
    const created = await upsertMemberEntry(
      memberDeps,
      ws.id,
      { platformId: caller.platformId, name: caller.platformId, locale: caller.locale ?? null },
      clock.now(),
    );
    // Someone new to Hiroba whom the current phase covers is included (and gets the kick-off) at once.
    await includeNew(ws.id, false);
    return (await repos.members.get(created.id)) ?? created;
  }

  function enqueueOne(
    ws: Workspace,
    job: string,
    period: string,
    recipient: Recipient,
    message: Message,
  ): Promise<number> {
    const now = clock.now().toISOString();
    const row: NewOutboxRow = { workspaceId: ws.id, job, period, recipient, message, notBefore: now, createdAt: now };
    return repos.outbox.enqueue([row]);
  }

  /** Queues a DM; `optOut: false` for work messages (moderation) that `optout` does not cover. */
  async function dm(
    ws: Workspace,
    member: Member,
    job: string,
    period: string,
    build: (locale: Locale) => Message,
    options: { optOut?: boolean } = {},
  ): Promise<void> {
    const purpose = options.optOut === false ? 'work' : 'notice';
    if (member.platformId === null || (await messageRefusal(repos, ws, member, clock.now(), purpose)) !== null) return;
    await enqueueOne(ws, job, period, { kind: 'member', id: member.platformId }, build(localeOf(member, ws)));
  }

  /**
   * A member's very first contribution (post, reply, story or idea) gets a thank-you DM, once: the
   * outbox key is per member. If Hiroba never wrote to them before, the kick-off goes first.
   */
  async function thankFirstPost(ws: Workspace, activity: Activity, knownFirst?: string | null): Promise<void> {
    const kind = activity.kind;
    if (kind !== 'post' && kind !== 'reply' && kind !== 'story' && kind !== 'idea') return;
    // The kept first contribution answers "is this their first?" before the member row is read; the
    // insert may have told it already (`knownFirst`).
    const first = knownFirst === undefined ? await repos.activities.firstContributionAt(activity.memberId) : knownFirst;
    if (first !== activity.occurredAt) return;
    const member = await repos.members.get(activity.memberId);
    if (member) {
      // The kick-off names the ops team: only they are read, and only when it is not queued yet.
      if (!(await kickoffQueued(repos, ws, member)))
        await queueKickoff(repos, ws, member, await repos.members.withRoles(ws.id, ['ops', 'admin']), clock.now());
      await dm(ws, member, 'first-post-thanks', 'once', (locale) =>
        firstPostThanks({ locale, memberName: member.name, kind }),
      );
    }
  }

  /** Records one activity and, when it is the member's first contribution, thanks them. */
  async function recordAndThank(ws: Workspace, input: ActivityInput): Promise<RecordResult> {
    const { result, firstContributionAt } = await recordActivityKnowing(repos, ws, input);
    if (result.status === 'recorded') await thankFirstPost(ws, result.activity, firstContributionAt);
    return result;
  }

  /** The rollout program after a change: newly covered members get the kick-off (ops steps are announced). */
  async function includeNew(workspaceId: number, announce: boolean): Promise<void> {
    const ws = await repos.workspaces.get(workspaceId);
    if (ws) await includeRolloutMembers(repos, ws, clock.now(), { announce });
  }

  async function postSubmission(
    ws: Workspace,
    submissionId: number,
    author: Member,
    kind: FormKind,
    fields: Record<string, string>,
  ): Promise<boolean> {
    const channel = snsChannel(ws.settings);
    if (!channel) return false;
    await enqueueOne(
      ws,
      'story-post',
      String(submissionId),
      { kind: 'channel', id: channel },
      storyPost({ locale: ws.settings.locale, authorName: author.name, kind, fields }),
    );
    return true;
  }

  const core: HirobaCore = {
    async workspace(platform: Platform, externalId: string, name?: string): Promise<Workspace> {
      const found = await repos.workspaces.find(platform, externalId);
      if (found) return found;
      const settings = defaultSettings({
        ...(options.defaults?.timezone ? { timezone: options.defaults.timezone } : {}),
        ...(options.defaults?.locale ? { locale: options.defaults.locale } : {}),
      });
      return repos.workspaces.create({
        platform,
        externalId,
        name: name ?? externalId,
        settings,
        createdAt: clock.now().toISOString(),
      });
    },

    async upsertMember(workspaceId, entry) {
      const member = await upsertMemberEntry(memberDeps, (await workspaceById(workspaceId)).id, entry, clock.now());
      await includeNew(workspaceId, false);
      return (await repos.members.get(member.id)) ?? member;
    },

    async syncDirectory(workspaceId, entries) {
      const counts = await syncDirectoryEntries(
        memberDeps,
        (await workspaceById(workspaceId)).id,
        entries,
        clock.now(),
      );
      await includeNew(workspaceId, false);
      return counts;
    },

    async recordActivity(input): Promise<RecordResult> {
      return recordAndThank(await workspaceById(input.workspaceId), input);
    },

    recordActivities(inputs) {
      // One transaction: a workspace row read once for the burst is the one every event of it sees.
      const workspaces = new Map<number, Workspace>();
      return repos.transaction(async () => {
        const results: RecordResult[] = [];
        for (const input of inputs) {
          const ws = workspaces.get(input.workspaceId) ?? (await workspaceById(input.workspaceId));
          workspaces.set(input.workspaceId, ws);
          results.push(await recordAndThank(ws, input));
        }
        return results;
      });
    },

    async knowsMember(workspaceId, platformId) {
      return (await repos.members.byPlatformId((await workspaceById(workspaceId)).id, platformId)) !== null;
    },

    async retractActivity(workspaceId, eventId) {
      const id = (await workspaceById(workspaceId)).id;
      // A deleted message whose author was still being looked up must not be counted later.
      const wasPending = await repos.pendingActivities.removeEvent(id, eventId);
      return (await repos.activities.retract(id, eventId, clock.now().toISOString())) !== null || wasPending;
    },

    async runCommand(request: CommandRequest): Promise<Message> {
      const commandIdOf = (text: string, channelId: string | null): string => {
        try {
          const parsed = commands.parse(text, { channelId });
          return parsed.ok ? parsed.definition.id : 'unreadable';
        } catch {
          return 'unreadable';
        }
      };
      const ws = await workspaceById(request.workspaceId);
      let locale = ws.settings.locale;
      try {
        const caller = await callerMember(ws, request);
        locale = localeOf(caller, ws);
        const channelId = request.channelId ?? null;
        // The server's thread stays free for events and other people's answers while this one computes.
        if (options.answerAway && (await answersSlowly(options, commands, caller, request.text, channelId)))
          return await options.answerAway(request);
        // A rollout command (and its confirmation) starts the rollout program itself: see `runNow`.
        return await dispatch(
          options,
          commands,
          ws,
          caller,
          locale,
          request.text,
          request.channelId ?? null,
          clock.now(),
        );
      } catch (error) {
        // The command's id, never its words: they may carry what a member typed (`purpose set …`).
        logError(`command failed: ${commandIdOf(request.text, request.channelId ?? null)}`, error);
        return problem(locale, 'replies.error');
      }
    },

    async form(caller, kind) {
      const ws = await workspaceById(caller.workspaceId);
      return formFor(kind, localeOf(await callerMember(ws, caller), ws));
    },

    async submitForm(submission: FormSubmission): Promise<FormResult> {
      const ws = await workspaceById(submission.workspaceId);
      const author = await callerMember(ws, submission);
      const locale = localeOf(author, ws);
      // A tampered or broken card (no such kind, values that are not text, an unusable key): one
      // error for the whole form, which both adapters show; nothing is stored.
      if (!submissionShape.safeParse(submission).success)
        return { ok: false, errors: { form: t(locale, 'replies.form.unreadable') } };
      const checked = validateForm(formFor(submission.kind, locale), submission.values, locale);
      if (!checked.ok) return { ok: false, errors: checked.errors };
      const now = clock.now();
      return repos.transaction(async (): Promise<FormResult> => {
        // A submission already handled (even one ops rejected, whose activity was taken back) is not taken twice.
        const eventId = `form:${submission.submissionKey}`;
        const earlier = (await repos.submissions.list(ws.id)).find((s) => s.eventId === eventId);
        if (earlier)
          return {
            ok: true,
            reply: formReceived({ locale, kind: submission.kind, held: earlier.status === 'pending' }),
          };
        const kind = submission.kind === 'first_post' ? 'post' : submission.kind;
        const recorded = await recordAndThank(ws, {
          workspaceId: ws.id,
          eventId,
          kind,
          memberPlatformId: author.platformId ?? submission.platformId,
          channelId: FORM_CHANNEL,
          occurredAt: now.toISOString(),
        });
        if (recorded.status === 'ignored' && recorded.reason === 'duplicate') {
          return { ok: true, reply: formReceived({ locale, kind: submission.kind, held: ws.settings.moderation }) };
        }
        const held = ws.settings.moderation || snsChannel(ws.settings) === null;
        const stored = await repos.submissions.create({
          workspaceId: ws.id,
          memberId: author.id,
          kind: submission.kind,
          fields: checked.values,
          status: held ? 'pending' : 'posted',
          createdAt: now.toISOString(),
          eventId: recorded.status === 'recorded' ? recorded.activity.eventId : null,
        });
        if (held) {
          for (const op of await repos.members.withRoles(ws.id, ['ops', 'admin'])) {
            if (op.deactivatedAt === null) {
              await dm(
                ws,
                op,
                'moderation',
                String(stored.id),
                (l) =>
                  moderationRequest({
                    locale: l,
                    submissionId: stored.id,
                    authorName: author.name,
                    kind: submission.kind,
                    fields: checked.values,
                  }),
                { optOut: false },
              );
            }
          }
        } else {
          await postSubmission(ws, stored.id, author, submission.kind, checked.values);
        }
        return { ok: true, reply: formReceived({ locale, kind: submission.kind, held }) };
      });
    },

    async handleAction(request: ActionRequest): Promise<Message | null> {
      const ws = await workspaceById(request.workspaceId);
      const member = await callerMember(ws, request);
      const locale = localeOf(member, ws);
      if (request.actionId === CONFIRM_ACTIONS.confirm || request.actionId === CONFIRM_ACTIONS.cancel) {
        try {
          const answer = await confirmAction(
            options,
            commands,
            ws,
            member,
            locale,
            request.actionId,
            request.value,
            clock.now(),
          );
          return answer;
        } catch (error) {
          logError(`confirmation failed: ${request.actionId}`, error);
          return problem(locale, 'replies.error');
        }
      }
      if (request.actionId === ACTION_IDS.optOut) {
        await repos.members.update(member.id, { optedOut: true });
        return problem(locale, 'replies.optout');
      }
      if (request.actionId === ACTION_IDS.approve || request.actionId === ACTION_IDS.reject) {
        if (!hasRole(await effectiveRole(member, repos.members), 'ops'))
          return problem(locale, 'replies.forbidden', { role: roleName(locale, 'ops') });
        const id = Number(request.value);
        const submission = Number.isInteger(id) ? await repos.submissions.get(id) : null;
        if (!submission || submission.workspaceId !== ws.id) return problem(locale, 'replies.moderation.unknown');
        if (submission.status !== 'pending')
          return problem(locale, 'replies.moderation.decided', {
            status: t(locale, `replies.submissionStatus.${submission.status}`),
          });
        const approved = request.actionId === ACTION_IDS.approve;
        const author = await repos.members.get(submission.memberId);
        if (approved && (!author || !snsChannel(ws.settings))) return problem(locale, 'replies.moderation.noChannel');
        await repos.transaction(async () => {
          await repos.submissions.decide(
            submission.id,
            approved ? 'approved' : 'rejected',
            member.id,
            clock.now().toISOString(),
          );
          // A review decision is an ops action like a command: audited with the decision.
          await repos.audit.record({
            workspaceId: ws.id,
            actorMemberId: member.id,
            command: approved ? 'moderation.approve' : 'moderation.reject',
            targetMemberId: submission.memberId,
            summary: { submission: submission.id, kind: submission.kind, outcome: 'done' },
            at: clock.now().toISOString(),
          });
          if (approved && author) await postSubmission(ws, submission.id, author, submission.kind, submission.fields);
          // A rejected story was never shared: it earns no points and is not counted as shared.
          if (!approved && submission.eventId)
            await repos.activities.retract(ws.id, submission.eventId, clock.now().toISOString());
        });
        return moderationDecided({ locale, approved, submissionId: submission.id });
      }
      return null;
    },

    async home(caller) {
      const ws = await workspaceById(caller.workspaceId);
      const member = await callerMember(ws, caller);
      // The member's own rows and the day's kept score scale; the directory is read only when the
      // day's scale is not kept yet (its first read of the day).
      const now = clock.now();
      const eligible = eligibleMembers([member], now).length > 0;
      const score = eligible
        ? await memberScore(repos, ws, member, now, async () =>
            eligibleMembers(await repos.members.list(ws.id), now).map((m) => m.id),
          )
        : null;
      const locale = localeOf(member, ws);
      return memberHome({
        locale,
        ...(member.managerId !== null
          ? { managerSees: managerCanSee(locale, ws.settings.managerNames), managerNever: managerNeverSees(locale) }
          : {}),
        memberName: member.name,
        purpose: ws.settings.purpose,
        rules: ws.settings.rules,
        score,
        state: eligible ? await stateOf(repos, ws, member, now) : 'new',
        scoring: DEFAULT_SCORING,
      });
    },

    async memberJoined(workspaceId, memberPlatformId, channelId) {
      const ws = await workspaceById(workspaceId);
      if (channelId !== null && !ws.settings.countedChannels.includes(channelId)) return;
      const member = await callerMember(ws, { workspaceId, platformId: memberPlatformId });
      if (member.isBot) return;
      await includeNew(ws.id, false);
      // Someone who joins an SNS channel before the rollout reaches them gets the kick-off all the same.
      const fresh = (await repos.members.get(member.id)) ?? member;
      if (channelId !== null || fresh.includedAt !== null)
        await queueKickoff(repos, ws, fresh, await repos.members.withRoles(ws.id, ['ops', 'admin']), clock.now());
    },

    deferActivity(input, error) {
      return deferActivity(deferredDeps(), input, error);
    },

    retryDeferred(lookup, limit) {
      return retryDeferred(deferredDeps(), lookup, limit);
    },
  };
  function deferredDeps(): DeferredDeps {
    return {
      repos,
      now: () => clock.now(),
      workspace: workspaceById,
      upsertMember: (workspaceId, entry) => core.upsertMember(workspaceId, entry),
      record: (input) => core.recordActivity(input),
    };
  }
  return core;
}
