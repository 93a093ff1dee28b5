import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand, parseErrorMessage } from '../../../src/core/commands/parse.js';
import { t } from '../../../src/core/i18n/index.js';
import { type Message, messageSchema, messageToPlainText } from '../../../src/core/message.js';
import { workspaceSettingsSchema } from '../../../src/core/types.js';
import { createHarness, type Harness } from '../../support/core-harness.js';
import { HOSTILE_PIECES, hostileString } from '../../support/hostile.js';

const CODES = ['empty', 'unknown_command', 'missing_argument', 'invalid_argument', 'too_long'];

/** Hostile words after a real command's words, so the argument readers are reached, not only "unknown". */
const commandLine = fc
  .tuple(
    fc.constantFrom(
      '',
      'help',
      'purpose set',
      'rules set',
      'channels add',
      'channels remove',
      'digest channel',
      'stats',
      'inactive',
      'rollout pilot add',
      'rollout departments add',
      'schedule set',
      'schedule set digest',
      'prompt story',
      'role grant ops',
      'role revoke admin',
      'profile-fields set department',
      'language',
      'moderation',
      'forget',
      'audit',
      'retention set',
      '保存期間 設定',
      '監査',
      '忘れる',
    ),
    hostileString(4000),
  )
  .map(([words, rest]) => `${words} ${rest}`);

describe('the command parser on hostile words', () => {
  it('never throws, and every refusal says what is wrong in both languages', () => {
    fc.assert(
      fc.property(fc.oneof(commandLine, hostileString(5000)), fc.option(hostileString(50)), (text, channelId) => {
        const result = parseCommand(text, { channelId });
        if (result.ok) {
          expect(typeof result.command.type).toBe('string');
          return;
        }
        expect(CODES).toContain(result.error.code);
        for (const locale of ['ja', 'en'] as const) {
          const said = parseErrorMessage(result.error, locale);
          expect(said.trim().length).toBeGreaterThan(0);
          expect(said).not.toMatch(/\{(command|word|detail|jobs|max|length|suggestion)\}/u);
        }
      }),
      { numRuns: 2500 },
    );
  });
});

describe('the parser stays fast', () => {
  it('an unknown word of 20 000 characters is answered at once (the "did you mean" search took 4 s)', () => {
    const started = performance.now();
    const result = parseCommand('x'.repeat(20_000));
    expect(result.ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('commands run on hostile words', () => {
  let h: Harness;
  const text = (m: Message): string => messageToPlainText(messageSchema.parse(m));
  /** Row counts of every table but the audit trail (a refused command is audited, nothing else). */
  const counts = (): Record<string, number> => {
    const tables = h.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_log', 'sqlite_sequence')")
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, (h.db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]),
    );
  };

  const failures: string[] = [];

  beforeAll(async () => {
    h = await createHarness({ core: { logError: (what, error) => failures.push(`${what}: ${String(error)}`) } });
    await h.settings({ countedChannels: ['C1'] });
    await h.member({ name: 'Admin', platformId: 'U1', email: 'admin@example.com' }, { role: 'admin' });
    await h.member({ name: '斎藤 明美', platformId: 'U2', department: '営業部' });
    await h.member({ name: 'Other Admin', platformId: 'U3' }, { role: 'admin' });
  });
  afterAll(() => h.close());

  it('an admin gets a clear answer to anything, never the generic apology; a refusal changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(commandLine, fc.constantFrom('ja', 'en'), async (line, locale) => {
        await h.settings({ locale });
        const before = counts();
        const settingsBefore = JSON.stringify(h.workspace.settings);
        const answer = await h.core.runCommand({
          workspaceId: h.workspace.id,
          platformId: 'U1',
          text: line,
          channelId: 'C1',
        });
        const said = text(answer);
        expect(said.trim().length).toBeGreaterThan(0);
        expect(said).not.toBe(t(locale, 'replies.error'));
        expect(failures).toEqual([]);
        // Whatever was stored still reads back as valid settings.
        workspaceSettingsSchema.parse(h.workspace.settings);
        if (answer.kind === 'command-error') {
          expect(counts()).toEqual(before);
          expect(JSON.stringify(h.workspace.settings)).toBe(settingsBefore);
        }
        // Nothing is left waiting: a preview is cancelled, so the next run starts clean.
        if (answer.kind === 'command-preview')
          await h.core.runCommand({ workspaceId: h.workspace.id, platformId: 'U1', text: 'cancel', channelId: null });
      }),
      { numRuns: 600 },
    );
  }, 60_000);

  it('the pieces themselves, alone, are answered', async () => {
    for (const piece of HOSTILE_PIECES) {
      const answer = await h.core.runCommand({
        workspaceId: h.workspace.id,
        platformId: 'U1',
        text: piece,
        channelId: null,
      });
      expect(text(answer).length).toBeGreaterThan(0);
    }
  });
});
