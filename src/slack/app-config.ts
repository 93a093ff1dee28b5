import { z } from 'zod';
import { SlackConfigError } from './errors.js';

/**
 * The Slack adapter's settings. `main.ts` fills them from `SLACK_BOT_TOKEN`, `SLACK_SIGNING_SECRET`,
 * `SLACK_APP_TOKEN` and `SLACK_API_URL`; tests pass them directly.
 */
export const slackAppConfigSchema = z.object({
  botToken: z
    .string({
      error:
        "botToken (SLACK_BOT_TOKEN) is required: copy the Bot User OAuth Token from the app's OAuth & Permissions page",
    })
    .startsWith('xoxb-', 'botToken (SLACK_BOT_TOKEN) must be the bot token, starting with xoxb-'),
  /** Checks every HTTP request; not used in Socket Mode. */
  signingSecret: z.string().min(1).optional(),
  /** App-level token (`xapp-…`, scope `connections:write`): set → Socket Mode, no public URL needed. */
  appToken: z
    .string()
    .startsWith('xapp-', 'appToken (SLACK_APP_TOKEN) must be an app-level token, starting with xapp-')
    .optional(),
  /** Web API base URL (GovSlack, a proxy, a test server); must end with `/api/`. */
  apiUrl: z.url().optional(),
  /** WebClient retries per call; unset → Slack's default policy (about 30 minutes); 0 → a 429 fails at once with its Retry-After, for the outbox to wait out. */
  retries: z.number().int().min(0).max(20).optional(),
  /** Run listeners before answering Slack (tests, FaaS); off in production so Slack gets its 3 s ack. */
  processBeforeResponse: z.boolean().default(false),
  /** Read the whole directory (`users.list`) when the app starts. */
  syncDirectoryOnStart: z.boolean().default(true),
  /** Every Web API call gives up after this long (then the retry policy decides), so a hung call never holds the others. */
  requestTimeoutMs: z.number().int().min(1).default(20_000),
  /** Waits between failed start-up attempts (`auth.test`, Socket Mode connect): doubling from `firstMs` up to `maxMs`. */
  retryBackoff: z.object({ firstMs: z.number().int().min(1), maxMs: z.number().int().min(1) }).optional(),
  /**
   * How often activities kept for a later member lookup are retried without waiting for another event,
   * so a quiet workspace records them too (each one is still retried only once it is due).
   */
  keptRetryMs: z.number().int().min(1).default(60_000),
  /** How long `start()` waits for a Slack that does not answer before going on degraded (a failure goes on at once). */
  bootWaitMs: z.number().int().min(0).default(21_000),
  /** Socket Mode heartbeat: a missing pong after this long drops the socket; a reconnect waits this long too. */
  socketPingTimeoutMs: z.number().int().min(1).optional(),
});

const MISSING_SECRET =
  "signingSecret (SLACK_SIGNING_SECRET) is required over HTTP: copy it from the app's Basic Information page, or set SLACK_APP_TOKEN for Socket Mode";

export type SlackAppConfig = z.input<typeof slackAppConfigSchema>;
export type SlackAppSettings = z.output<typeof slackAppConfigSchema>;

/** Validates the configuration; throws `SlackConfigError` with one line per problem. */
export function parseSlackAppConfig(input: SlackAppConfig): SlackAppSettings {
  const parsed = slackAppConfigSchema.safeParse(input);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  // Checked apart from the schema so it is reported together with the other problems.
  if (!input.appToken && !input.signingSecret) problems.push(MISSING_SECRET);
  if (!parsed.success || problems.length > 0) throw new SlackConfigError(problems);
  const apiUrl = parsed.data.apiUrl;
  return apiUrl && !apiUrl.endsWith('/') ? { ...parsed.data, apiUrl: `${apiUrl}/` } : parsed.data;
}
