import { z } from 'zod';
import { t } from '../../i18n/index.js';
import { fieldsBlock, textBlock } from '../../programs/blocks.js';
import { reply, titled } from '../../service/replies.js';
import { updateSettings } from '../../service/settings.js';
import { end, fail, ok, oneOf } from '../arguments.js';
import { PROFILE_FIELDS } from '../command.js';
import { defineCommand } from '../define.js';

const fieldOf = (w: 'departments' | 'location' | 'manager'): (typeof PROFILE_FIELDS)[number] =>
  w === 'departments' ? 'department' : w;
const field = z.enum(PROFILE_FIELDS);
const aliases = { 'profile-fields': ['profilefields', 'fields', 'プロフィール項目'] };

/** Slack custom profile fields read as department, location and manager by the directory sync. */
export const profileFieldCommands = [
  defineCommand({
    id: 'profileFields.show',
    words: ['profile-fields', 'show'],
    aliases,
    isDefault: true,
    args: z.object({}),
    role: 'ops',
    help: [{ key: 'commands.line.profileFieldsShow' }],
    handler: (ctx) => {
      const fields = ctx.workspace.settings.profileFields;
      const unset = t(ctx.locale, 'replies.profileFields.unset');
      return titled('command-reply', t(ctx.locale, 'replies.profileFields.title'), [
        fieldsBlock(
          PROFILE_FIELDS.map((f) => ({
            label: t(ctx.locale, `replies.profileFields.${f}`),
            value: fields[f] ?? unset,
          })),
        ),
        textBlock(t(ctx.locale, 'replies.profileFields.hint'), true),
      ]);
    },
  }),
  defineCommand({
    id: 'profileFields.set',
    words: ['profile-fields', 'set'],
    args: z.object({ field, name: z.string().min(1).max(100) }),
    read: oneOf('field', ['departments', 'location', 'manager'], (w, args, topic) => {
      const name = args.restVerbatim();
      if (name === '') return fail('missing_argument', topic, 'text');
      if (name.length > 100) return fail('too_long', topic, 'text', String(name.length));
      return ok({ field: fieldOf(w), name });
    }),
    role: 'ops',
    help: [{ key: 'commands.line.profileFieldsSet' }],
    handler: async (ctx, cmd) => {
      await updateSettings(ctx, (s) => ({ profileFields: { ...s.profileFields, [cmd.field]: cmd.name } }));
      return reply(ctx.locale, 'replies.profileFields.set', {
        field: t(ctx.locale, `replies.profileFields.${cmd.field}`),
        name: cmd.name,
      });
    },
  }),
  defineCommand({
    id: 'profileFields.clear',
    words: ['profile-fields', 'clear'],
    args: z.object({ field }),
    read: oneOf('field', ['departments', 'location', 'manager'], (w, args, topic) =>
      end(args, topic, { field: fieldOf(w) }),
    ),
    role: 'ops',
    help: [],
    handler: async (ctx, cmd) => {
      await updateSettings(ctx, (s) => {
        const next = { ...s.profileFields };
        delete next[cmd.field];
        return { profileFields: next };
      });
      return reply(ctx.locale, 'replies.profileFields.cleared', {
        field: t(ctx.locale, `replies.profileFields.${cmd.field}`),
      });
    },
  }),
];
