import type { App, RespondArguments } from '@slack/bolt';
import { z } from 'zod';
import { INTERIM_AFTER_MS, settlesWithin } from '../answer-wait.js';
import { t } from '../core/i18n/index.js';
import type { Message } from '../core/message.js';
import type { Locale } from '../core/types.js';
import type { SlackAppContext } from './app-context.js';
import { renderMessage } from './render.js';
import { unescapeSlack } from './slack-text.js';

/** The one slash command, as declared in `slack/manifest.yml`. */
export const SLASH_COMMAND = '/hiroba';

const commandSchema = z.looseObject({
  team_id: z.string().min(1),
  user_id: z.string().min(1),
  channel_id: z.string().optional(),
  text: z.string().default(''),
});

/** A reply only the caller sees, leaving the message the command or button came from alone. */
export function ephemeral(message: Message, locale: Locale): RespondArguments {
  return { response_type: 'ephemeral', replace_original: false, ...renderMessage(message, locale) };
}

/** The same, for a plain text of the adapters' catalogue (errors). */
export function ephemeralText(text: string): RespondArguments {
  return { response_type: 'ephemeral', replace_original: false, text };
}

/**
 * "Crunching the numbers…" through the `response_url`, for an answer still computing after
 * `INTERIM_AFTER_MS`; true when it was posted (the answer then replaces it). A failed post is only
 * logged: the answer still comes, as a message of its own.
 */
async function respondInterim(
  respond: (message: RespondArguments) => Promise<unknown>,
  locale: Locale,
  ctx: SlackAppContext,
): Promise<boolean> {
  try {
    await respond(ephemeralText(t(locale, 'adapters.answerPending')));
    return true;
  } catch (error) {
    ctx.log.warn('/hiroba interim answer not posted', error);
    return false;
  }
}

/**
 * `/hiroba <words>`: acknowledged at once (Slack waits 3 s), then the words go to the core's
 * dispatcher as they are (the command is declared with `should_escape`, so mentions arrive as
 * `<@U…|name>` and channels as `<#C…|name>`) and its reply is rendered back ephemerally through the
 * `response_url`. An answer not ready within `INTERIM_AFTER_MS` (one the core computes on the answer
 * thread) is preceded by "crunching the numbers…", which the answer then replaces
 * (`replace_original`). The core decides who may do what; the adapter only carries the words.
 * Registered once by `createSlackApp`.
 */
export function registerCommands(app: App, ctx: SlackAppContext): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      ctx.log.warn('slash command payload without team or user; ignored');
      return;
    }
    const { team_id, user_id, channel_id, text } = parsed.data;
    const workspace = await ctx.workspaceFor(team_id);
    const locale = workspace.settings.locale;
    let interim = false;
    try {
      // A DM (`D…`) is no channel: `channels add` without a channel must not count the DM itself.
      const channelId = channel_id && !channel_id.startsWith('D') ? channel_id : null;
      const answer = ctx.core.runCommand({
        workspaceId: workspace.id,
        platformId: user_id,
        channelId,
        text: unescapeSlack(text).trim(),
      });
      if (!(await settlesWithin(answer, INTERIM_AFTER_MS))) interim = await respondInterim(respond, locale, ctx);
      const reply = await answer;
      await respond({ ...ephemeral(reply, locale), replace_original: interim });
    } catch (error) {
      ctx.log.error('/hiroba failed', error);
      await respond({ ...ephemeralText(t(locale, 'adapters.slack.commandFailed')), replace_original: interim });
    }
  });
}
