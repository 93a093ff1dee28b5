import { type Command, PROFILE_FIELDS } from '../commands/command.js';
import { t } from '../i18n/index.js';
import { fieldsBlock, listBlock, textBlock } from '../programs/blocks.js';
import { managerNamesChanged } from '../programs/privacy.js';
import { purposeReminder } from '../programs/purpose-reminder.js';
import { DEFAULT_SCHEDULES, JOB_NAMES, scheduleOf } from '../types.js';
import type { CommandContext, Handler } from './context.js';
import { problem, reply, titled } from './replies.js';
import { changeSettings } from './settings.js';

type Of<T extends Command['type']> = Extract<Command, { type: T }>;

function update(ctx: CommandContext, change: Parameters<typeof changeSettings>[2]): void {
  ctx.workspace = changeSettings(ctx.deps.repos, ctx.workspace, change, ctx.deps.onSettingsChanged);
}

export const purposeShow: Handler<Of<'purpose.show'>> = (ctx) => {
  const { purpose, rules } = ctx.workspace.settings;
  return purposeReminder({ locale: ctx.locale, purpose, rules });
};

export const purposeSet: Handler<Of<'purpose.set'>> = (ctx, cmd) => {
  update(ctx, () => ({ purpose: cmd.text }));
  return reply(ctx.locale, 'replies.purpose.set', {}, [textBlock(cmd.text)]);
};

export const rulesShow: Handler<Of<'rules.show'>> = (ctx) => {
  const { rules } = ctx.workspace.settings;
  if (!rules) return reply(ctx.locale, 'replies.rules.empty');
  return titled('command-reply', t(ctx.locale, 'replies.rules.title'), [textBlock(rules)]);
};

export const rulesSet: Handler<Of<'rules.set'>> = (ctx, cmd) => {
  update(ctx, () => ({ rules: cmd.text }));
  return reply(ctx.locale, 'replies.rules.set', {}, [textBlock(cmd.text)]);
};

/** Channels are shown by id: the core stores no channel names (renderers may link them). */
const channelLabel = (id: string): string => `#${id}`;

export const channelsList: Handler<Of<'channels.list'>> = (ctx) => {
  const { countedChannels, digestChannel } = ctx.workspace.settings;
  return titled('command-reply', t(ctx.locale, 'replies.channels.title'), [
    listBlock(countedChannels.map(channelLabel), undefined, t(ctx.locale, 'replies.channels.none')),
    textBlock(
      digestChannel
        ? t(ctx.locale, 'replies.digest.channelIs', { channel: channelLabel(digestChannel) })
        : t(ctx.locale, 'replies.digest.channelUnset'),
      true,
    ),
  ]);
};

export const channelsAdd: Handler<Of<'channels.add'>> = (ctx, cmd) => {
  const id = cmd.channel.id;
  if (ctx.workspace.settings.countedChannels.includes(id)) {
    return reply(ctx.locale, 'replies.channels.already', { channel: channelLabel(id) });
  }
  update(ctx, (s) => ({ countedChannels: [...s.countedChannels, id] }));
  return reply(ctx.locale, 'replies.channels.added', { channel: channelLabel(id) });
};

export const channelsRemove: Handler<Of<'channels.remove'>> = (ctx, cmd) => {
  const id = cmd.channel.id;
  if (!ctx.workspace.settings.countedChannels.includes(id)) {
    return problem(ctx.locale, 'replies.channels.notCounted', { channel: channelLabel(id) });
  }
  update(ctx, (s) => ({ countedChannels: s.countedChannels.filter((c) => c !== id) }));
  return reply(ctx.locale, 'replies.channels.removed', { channel: channelLabel(id) });
};

export const digestChannel: Handler<Of<'digest.channel'>> = (ctx, cmd) => {
  update(ctx, () => ({ digestChannel: cmd.channel.id }));
  return reply(ctx.locale, 'replies.digest.channelSet', { channel: channelLabel(cmd.channel.id) });
};

export const moderation: Handler<Of<'moderation'>> = (ctx, cmd) => {
  update(ctx, () => ({ moderation: cmd.enabled }));
  return reply(ctx.locale, cmd.enabled ? 'replies.moderation.on' : 'replies.moderation.off');
};

export const managerNames: Handler<Of<'privacy.managerNames'>> = (ctx, cmd) => {
  update(ctx, () => ({ managerNames: cmd.enabled }));
  return managerNamesChanged(ctx.locale, cmd.enabled);
};

export const scheduleShow: Handler<Of<'schedule.show'>> = (ctx) => {
  const s = ctx.workspace.settings;
  const items = JOB_NAMES.map((job) => {
    const expr = scheduleOf(s, job);
    const mark = expr === DEFAULT_SCHEDULES[job] ? '' : ` ${t(ctx.locale, 'replies.schedule.custom')}`;
    return `${job}: ${expr}${mark}`;
  });
  return titled('command-reply', t(ctx.locale, 'replies.schedule.title', { timezone: s.timezone }), [
    listBlock(items),
    textBlock(t(ctx.locale, 'replies.schedule.hint'), true),
  ]);
};

export const scheduleSet: Handler<Of<'schedule.set'>> = (ctx, cmd) => {
  const check = ctx.deps.validateCron?.(cmd.cron, ctx.locale) ?? {
    ok: false as const,
    reason: t(ctx.locale, 'replies.jobs.unavailable'),
  };
  if (!check.ok) return problem(ctx.locale, 'replies.schedule.invalid', { cron: cmd.cron, reason: check.reason });
  update(ctx, (s) => ({ schedules: { ...s.schedules, [cmd.job]: cmd.cron } }));
  return reply(ctx.locale, 'replies.schedule.set', {
    job: cmd.job,
    cron: cmd.cron,
    timezone: ctx.workspace.settings.timezone,
  });
};

/** `profile-fields`: which Slack custom profile fields hold department, location and manager. */
export const profileFieldsShow: Handler<Of<'profileFields.show'>> = (ctx) => {
  const fields = ctx.workspace.settings.profileFields;
  const unset = t(ctx.locale, 'replies.profileFields.unset');
  return titled('command-reply', t(ctx.locale, 'replies.profileFields.title'), [
    fieldsBlock(
      PROFILE_FIELDS.map((field) => ({
        label: t(ctx.locale, `replies.profileFields.${field}`),
        value: fields[field] ?? unset,
      })),
    ),
    textBlock(t(ctx.locale, 'replies.profileFields.hint'), true),
  ]);
};

export const profileFieldsSet: Handler<Of<'profileFields.set'>> = (ctx, cmd) => {
  update(ctx, (s) => ({ profileFields: { ...s.profileFields, [cmd.field]: cmd.name } }));
  return reply(ctx.locale, 'replies.profileFields.set', {
    field: t(ctx.locale, `replies.profileFields.${cmd.field}`),
    name: cmd.name,
  });
};

export const profileFieldsClear: Handler<Of<'profileFields.clear'>> = (ctx, cmd) => {
  update(ctx, (s) => {
    const next = { ...s.profileFields };
    delete next[cmd.field];
    return { profileFields: next };
  });
  return reply(ctx.locale, 'replies.profileFields.cleared', {
    field: t(ctx.locale, `replies.profileFields.${cmd.field}`),
  });
};

export const optout: Handler<Of<'optout'>> = (ctx) => {
  ctx.deps.repos.members.update(ctx.caller.id, { optedOut: true });
  return reply(ctx.locale, 'replies.optout');
};

export const optin: Handler<Of<'optin'>> = (ctx) => {
  ctx.deps.repos.members.update(ctx.caller.id, { optedOut: false });
  return reply(ctx.locale, 'replies.optin');
};

export const language: Handler<Of<'language'>> = (ctx, cmd) => {
  ctx.deps.repos.members.update(ctx.caller.id, { locale: cmd.locale, localeChosen: true });
  return reply(cmd.locale, 'replies.language');
};
