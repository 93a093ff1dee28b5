import { z } from 'zod';
import { type Locale, localeSchema } from './core/types.js';
import type { RateLimitOverrides } from './scheduler/rate-limit.js';
import type { StoreTarget } from './store/store.js';

/** Log levels, most verbose first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const TEAMS_APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type TeamsAppType = (typeof TEAMS_APP_TYPES)[number];

/** Slack credentials; present when a bot token and a signing secret (HTTP) or an app token (Socket Mode) are set. */
export interface SlackConfig {
  botToken: string;
  /** Checks every HTTP request; null in Socket Mode, which needs none. */
  signingSecret: string | null;
  /** `xapp-…` app-level token: set → Socket Mode (no public URL needed). */
  appToken: string | null;
  socketMode: boolean;
  /** WebClient base URL (GovSlack, a proxy, or a fake Slack in tests), ending in `/`. */
  apiUrl: string | null;
  /** How long one Web API call may take before it is given up (and, for auth.test at start, retried). */
  apiTimeoutMs: number;
}

/**
 * How Teams requests are trusted. `credentials`: every request carries a Bot Framework token checked
 * against MicrosoftAppId. Without an app id nothing is checked, so anyone who can reach the server can
 * claim to be any member: `loopback` (the server listens on 127.0.0.1, ::1 or localhost only: local
 * emulators and tests) or `insecure` (TEAMS_INSECURE=true: on purpose, warned about at every start).
 */
export type TeamsSecurity = 'credentials' | 'loopback' | 'insecure';

/**
 * Bot Framework credentials, in botbuilder's own names. An empty `appId` (TEAMS_ENABLED=true without
 * credentials) disables authentication both ways; `security` says why that is allowed.
 */
export interface TeamsConfig {
  appId: string;
  appPassword: string;
  appType: TeamsAppType;
  tenantId: string | null;
  security: TeamsSecurity;
}

export interface Config {
  port: number;
  /**
   * HOST: the address the server listens on; null → every interface. Teams without credentials and
   * no HOST given → 127.0.0.1.
   */
  host: string | null;
  /** What start-up should log about how the configuration was read (e.g. TEAMS_LOOPBACK_LINE). */
  warnings?: readonly string[];
  /** HIROBA_DB: the SQLite file, and where held events are kept next to it (also with PostgreSQL). */
  dbPath: string;
  /** Where the data lives: PostgreSQL when HIROBA_DATABASE_URL is set, else the SQLite file at `dbPath`. */
  store: StoreTarget;
  /** HIROBA_DATABASE_POOL_SIZE: PostgreSQL connections this process may hold (default 10). */
  poolSize: number;
  /**
   * HIROBA_OUTBOX_LEASE_SECONDS: how long messages an instance claimed stay its own before another may
   * take them over (default 120): after a crash, the wait before the survivors send them.
   */
  outboxLeaseMs: number;
  timezone: string;
  locale: Locale;
  logLevel: LogLevel;
  /** Emails or platform user ids who are `admin` from the start. */
  admins: string[];
  slack: SlackConfig | null;
  teams: TeamsConfig | null;
  /** Send limits over the platforms' published defaults (HIROBA_RATE_LIMITS). */
  rateLimits: RateLimitOverrides;
  /** HIROBA_PUBLIC_URL: the address people open the dashboard at (an origin, no trailing slash). */
  publicUrl: string;
}

const RATE_RULE = /^(slack|teams)\.(perConversation|perWorkspace|dmOpen)=(\d+)\/(\d+)(ms|s|m)$/u;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;

/**
 * Reads HIROBA_RATE_LIMITS: comma-separated `<platform>.<bucket>=<sends>/<window>` such as
 * `slack.perWorkspace=200/1m,teams.perConversation=5/1s`. Returns the overrides, or the first entry
 * that does not read.
 */
export function parseRateLimits(text: string): { ok: true; limits: RateLimitOverrides } | { ok: false; entry: string } {
  const limits: RateLimitOverrides = {};
  for (const raw of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const m = RATE_RULE.exec(raw);
    const count = Number(m?.[3]);
    const window = Number(m?.[4]) * UNIT_MS[(m?.[5] ?? 'ms') as keyof typeof UNIT_MS];
    if (!m || count < 1 || window < 1) return { ok: false, entry: raw };
    const platform = m[1] as 'slack' | 'teams';
    const bucket = m[2] as 'perConversation' | 'perWorkspace' | 'dmOpen';
    limits[platform] = { ...limits[platform], [bucket]: { limit: count, windowMs: window } };
  }
  return { ok: true, limits };
}

export const DEFAULT_DB_PATH = './data/hiroba.db';

/**
 * The database path alone (HIROBA_DB, else the default): for the CLI's `migrate`, `import-directory`
 * and `run-job`, which must work even while, say, a Slack token is still missing from the environment.
 */
export function dbPathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.HIROBA_DB?.trim();
  return value === undefined || value === '' ? DEFAULT_DB_PATH : value;
}

const DATABASE_URL_LINE =
  'HIROBA_DATABASE_URL must be a PostgreSQL URL such as postgres://hiroba:secret@db.example.co.jp:5432/hiroba (percent-encode @ # / : in the password, @ as %40)';

/** A postgres:// or postgresql:// URL with a host (the form the pg driver reads). */
function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const databaseUrlSchema = z.string().refine(isPostgresUrl, { error: DATABASE_URL_LINE });

/** A whole number of `unit` from `min` to `max`, e.g. the pool size or a lease in seconds. */
function wholeNumber(name: string, min: number, max: number, unit: string, example: number) {
  const line = `${name} must be a whole number of ${unit} from ${min} to ${max}, e.g. ${example}`;
  return z
    .string()
    .regex(/^\d{1,7}$/u, { error: line })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: line })
    .optional();
}

/**
 * Where the CLI's commands find the data, read alone like `dbPathFromEnv`: PostgreSQL when
 * HIROBA_DATABASE_URL is set (it wins over `--db`), else the SQLite file `dbPath` (the `--db` flag,
 * HIROBA_DB or the default). A URL that does not read comes back as the line that says how to fix it.
 */
export function storeTargetFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  dbPath: string = dbPathFromEnv(env),
): { ok: true; target: StoreTarget } | { ok: false; problem: string } {
  const url = env.HIROBA_DATABASE_URL?.trim();
  if (url === undefined || url === '') return { ok: true, target: { kind: 'sqlite', path: dbPath } };
  return databaseUrlSchema.safeParse(url).success
    ? { ok: true, target: { kind: 'postgres', url } }
    : { ok: false, problem: DATABASE_URL_LINE };
}

export type LoadConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** A `.env` line like `SLACK_BOT_TOKEN=` means "not set", not "set to nothing". */
const optional = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Each variable on its own; the messages name the variable so each problem is one readable line. */
const envSchema = z.object({
  PORT: optional.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/u, { error: 'PORT must be a whole number from 0 to 65535' })
      .transform(Number)
      .refine((port) => port <= 65535, { error: 'PORT must be a whole number from 0 to 65535' })
      .optional(),
  ),
  HOST: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9.:%_-]+$/u, {
        error: (issue) =>
          `HOST must be the address to listen on, such as 127.0.0.1, ::1, localhost or 0.0.0.0 (got "${String(issue.input)}")`,
      })
      .optional(),
  ),
  HIROBA_DB: optional,
  HIROBA_DATABASE_URL: optional.pipe(databaseUrlSchema.optional()),
  HIROBA_DATABASE_POOL_SIZE: optional.pipe(wholeNumber('HIROBA_DATABASE_POOL_SIZE', 1, 100, 'connections', 10)),
  HIROBA_OUTBOX_LEASE_SECONDS: optional.pipe(wholeNumber('HIROBA_OUTBOX_LEASE_SECONDS', 10, 3600, 'seconds', 120)),
  HIROBA_TIMEZONE: optional.pipe(
    z
      .string()
      .refine(isTimeZone, {
        error: (issue) => `HIROBA_TIMEZONE must be an IANA time zone such as Asia/Tokyo (got "${String(issue.input)}")`,
      })
      .optional(),
  ),
  HIROBA_LOCALE: optional.pipe(localeSchema.optional()),
  HIROBA_LOG_LEVEL: optional.pipe(z.enum(LOG_LEVELS).optional()),
  HIROBA_ADMINS: optional,
  HIROBA_RATE_LIMITS: optional.pipe(
    z
      .string()
      .refine((text) => parseRateLimits(text).ok, {
        error: (issue) =>
          `HIROBA_RATE_LIMITS must be comma-separated <slack|teams>.<perConversation|perWorkspace|dmOpen>=<sends>/<window>, e.g. slack.perWorkspace=200/1m (got "${String(issue.input)}")`,
      })
      .optional(),
  ),
  HIROBA_PUBLIC_URL: optional.pipe(
    z
      .string()
      .refine(isHttpUrl, {
        error: (issue) =>
          `HIROBA_PUBLIC_URL must be the http(s) address people open Hiroba at, such as https://hiroba.example.co.jp (got "${String(issue.input)}")`,
      })
      .optional(),
  ),
  SLACK_BOT_TOKEN: optional.pipe(
    z
      .string()
      .startsWith('xoxb-', {
        error: 'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (Slack app settings → OAuth & Permissions)',
      })
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.pipe(
    z
      .string()
      .startsWith('xapp-', {
        error:
          'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Slack app settings → Basic Information)',
      })
      .optional(),
  ),
  SLACK_API_URL: optional.pipe(
    z
      .string()
      .refine(isHttpUrl, {
        error: (issue) =>
          `SLACK_API_URL must be an http(s) URL such as https://slack.com/api/ (got "${String(issue.input)}")`,
      })
      .optional(),
  ),
  SLACK_API_TIMEOUT_MS: optional.pipe(
    z
      .string()
      .regex(/^\d{3,6}$/u, { error: 'SLACK_API_TIMEOUT_MS must be milliseconds from 100 to 300000, e.g. 20000' })
      .transform(Number)
      .refine((ms) => ms >= 100 && ms <= 300_000, {
        error: 'SLACK_API_TIMEOUT_MS must be milliseconds from 100 to 300000, e.g. 20000',
      })
      .optional(),
  ),
  MicrosoftAppId: optional,
  MicrosoftAppPassword: optional,
  MicrosoftAppType: optional.pipe(z.enum(TEAMS_APP_TYPES).optional()),
  MicrosoftAppTenantId: optional,
  TEAMS_ENABLED: optional.pipe(
    z
      .string()
      .toLowerCase()
      .pipe(z.enum(['true', 'false', '1', '0']))
      .transform((value) => value === 'true' || value === '1')
      .optional(),
  ),
  TEAMS_INSECURE: optional.pipe(
    z
      .string()
      .toLowerCase()
      .pipe(z.enum(['true', 'false', '1', '0']))
      .transform((value) => value === 'true' || value === '1')
      .optional(),
  ),
});

type Env = z.output<typeof envSchema>;

/** Enum and type messages that zod words generically get a line that names the allowed values. */
const FIXED_MESSAGES: Record<string, (input: string | undefined) => string> = {
  PORT: (input) => `PORT must be a whole number from 0 to 65535 (got "${String(input)}")`,
  HIROBA_LOCALE: (input) => `HIROBA_LOCALE must be ja or en (got "${String(input)}")`,
  HIROBA_LOG_LEVEL: (input) => `HIROBA_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${String(input)}")`,
  MicrosoftAppType: (input) => `MicrosoftAppType must be one of ${TEAMS_APP_TYPES.join(', ')} (got "${String(input)}")`,
  TEAMS_ENABLED: (input) => `TEAMS_ENABLED must be true or false (got "${String(input)}")`,
  TEAMS_INSECURE: (input) => `TEAMS_INSECURE must be true or false (got "${String(input)}")`,
};

/** Addresses only this machine can reach. */
export function isLoopbackHost(host: string | null | undefined): boolean {
  if (host === null || host === undefined) return false;
  const h = host.toLowerCase().replace(/^\[|\]$/gu, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/u.test(h);
}

const LOOPBACK = '127.0.0.1';

/** The warning start-up logs when Teams without credentials makes the server listen on 127.0.0.1 only. */
export const TEAMS_LOOPBACK_LINE =
  'TEAMS_ENABLED=true without MicrosoftAppId: listening on 127.0.0.1 only, since nothing authenticates Teams requests; set MicrosoftAppId and MicrosoftAppPassword (Azure Bot → Configuration) to accept requests from Microsoft';

/** The one line start-up refuses Teams with when it would accept unauthenticated requests from the network. */
export const TEAMS_UNAUTHENTICATED_LINE =
  'TEAMS_ENABLED=true without MicrosoftAppId accepts any request as any member: set MicrosoftAppId and MicrosoftAppPassword (Azure Bot → Configuration), or HOST=127.0.0.1 to listen only on this machine (local emulator), or TEAMS_INSECURE=true to run without authentication on purpose';

/** One line for a refused variable: the variable's own message, or zod's prefixed with its name. */
function problemLine(name: string, input: string | undefined, issue: z.core.$ZodIssue | undefined): string {
  const fixed = FIXED_MESSAGES[name];
  if (fixed !== undefined) return fixed(input);
  const message = issue?.message ?? 'is not valid';
  return message.startsWith(name) ? message : `${name}: ${message}`;
}

const ADMIN_ENTRY = /^[^\s,]+$/u;

/**
 * Reads and checks Hiroba's environment. Called once by `main` (the composition root) and by the CLI
 * commands that open the database; nothing else reads `process.env`. Every problem comes back as one
 * line that says how to fix it, so start-up can print them all at once instead of failing one by one.
 */
/** Variables of Hiroba's own tools that are not settings of the server (the test suite's, the bench's). */
const TOOL_VARIABLES = /^HIROBA_(TEST_|BENCH_|REQUIRE_)/u;

/**
 * `HIROBA_…` variables that are no setting. One a letter or two away from a setting is a typo that
 * would silently run on defaults (`HIROBA_DATABSE_URL` would start an instance on an empty SQLite
 * file beside its peers on PostgreSQL): refused. Any other is named in a warning at start.
 */
function unknownSettings(env: NodeJS.ProcessEnv): { problems: string[]; warnings: string[] } {
  const known = Object.keys(envSchema.shape);
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith('HIROBA_') || known.includes(name) || TOOL_VARIABLES.test(name)) continue;
    const near = known.find((setting) => editDistance(name, setting) <= 2);
    if (near !== undefined) problems.push(`${name} is not a Hiroba setting; did you mean ${near}?`);
    else warnings.push(`${name} is not a Hiroba setting and is ignored (see .env.example)`);
  }
  return { problems, warnings };
}

/** Levenshtein distance (insertions, deletions, substitutions), for spotting typos in names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LoadConfigResult {
  const problems: string[] = [];
  // Each variable is parsed on its own so that every bad one is reported, not only the first.
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(envSchema.shape)) {
    const result = schema.safeParse(env[name]);
    if (result.success) values[name] = result.data;
    else problems.push(problemLine(name, env[name]?.trim(), result.error.issues[0]));
  }
  const e = values as Env;
  // Pairs are checked on what is set, even when its value was refused above, so the lines stay true.
  const isSet = (name: string): boolean => (env[name]?.trim() ?? '') !== '';

  // Slack: token and secret come as a pair (Socket Mode needs no secret); the app token only means something with the bot token.
  if (isSet('SLACK_BOT_TOKEN') && !isSet('SLACK_SIGNING_SECRET') && !isSet('SLACK_APP_TOKEN')) {
    problems.push(
      'SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (Slack app settings → Basic Information → Signing Secret)',
    );
  }
  if (isSet('SLACK_SIGNING_SECRET') && !isSet('SLACK_BOT_TOKEN')) {
    problems.push(
      'SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set (Slack app settings → OAuth & Permissions → Bot User OAuth Token)',
    );
  }
  if (isSet('SLACK_APP_TOKEN') && !isSet('SLACK_BOT_TOKEN') && !isSet('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN is set (Socket Mode still sends with the bot token)',
    );
  }

  // Teams: TEAMS_ENABLED=false turns Teams off even with credentials present.
  const teamsOn = e.TEAMS_ENABLED ?? isSet('MicrosoftAppId');
  const appType: TeamsAppType = e.MicrosoftAppType ?? 'MultiTenant';
  if (teamsOn && isSet('MicrosoftAppId')) {
    if (appType !== 'UserAssignedMSI' && !isSet('MicrosoftAppPassword')) {
      problems.push(
        `MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is ${appType} (Azure Bot → Configuration → Manage Password)`,
      );
    }
    if (appType !== 'MultiTenant' && !isSet('MicrosoftAppTenantId')) {
      problems.push(
        `MicrosoftAppTenantId is required when MicrosoftAppType is ${appType} (the Microsoft Entra tenant id of the bot)`,
      );
    }
  }
  // Without an app id nothing authenticates Teams requests: only this machine may reach them, unless asked.
  // With no HOST given, such a Teams listens on 127.0.0.1 (a local emulator just works); a HOST others
  // can reach is refused.
  const hostGiven = isSet('HOST');
  const unauthenticatedTeams = teamsOn && !isSet('MicrosoftAppId') && e.TEAMS_INSECURE !== true;
  const host = unauthenticatedTeams && !hostGiven ? LOOPBACK : (e.HOST ?? null);
  const loopback = isLoopbackHost(host);
  if (unauthenticatedTeams && !loopback) {
    problems.push(TEAMS_UNAUTHENTICATED_LINE);
  }
  if (!isSet('MicrosoftAppId') && (isSet('MicrosoftAppPassword') || isSet('MicrosoftAppTenantId'))) {
    problems.push(
      'MicrosoftAppId is required when MicrosoftAppPassword or MicrosoftAppTenantId is set (Azure Bot → Configuration → Microsoft App ID)',
    );
  }

  const admins = (e.HIROBA_ADMINS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of admins) {
    if (!ADMIN_ENTRY.test(entry)) {
      problems.push(
        `HIROBA_ADMINS must be a comma-separated list of emails or platform user ids (cannot read "${entry}")`,
      );
    }
  }

  const unknown = unknownSettings(env);
  problems.push(...unknown.problems);
  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };

  const slack: SlackConfig | null =
    e.SLACK_BOT_TOKEN !== undefined && (e.SLACK_SIGNING_SECRET !== undefined || e.SLACK_APP_TOKEN !== undefined)
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET ?? null,
          appToken: e.SLACK_APP_TOKEN ?? null,
          socketMode: e.SLACK_APP_TOKEN !== undefined,
          apiUrl: e.SLACK_API_URL === undefined ? null : withTrailingSlash(e.SLACK_API_URL),
          apiTimeoutMs: e.SLACK_API_TIMEOUT_MS ?? 20_000,
        }
      : null;
  const teams: TeamsConfig | null = teamsOn
    ? {
        appId: e.MicrosoftAppId ?? '',
        appPassword: e.MicrosoftAppPassword ?? '',
        appType,
        tenantId: e.MicrosoftAppTenantId ?? null,
        security: e.MicrosoftAppId !== undefined ? 'credentials' : loopback ? 'loopback' : 'insecure',
      }
    : null;

  return {
    ok: true,
    config: {
      port: e.PORT ?? 3000,
      host,
      ...(unauthenticatedTeams && !hostGiven
        ? { warnings: [TEAMS_LOOPBACK_LINE, ...unknown.warnings] }
        : unknown.warnings.length > 0
          ? { warnings: unknown.warnings }
          : {}),
      dbPath: e.HIROBA_DB ?? DEFAULT_DB_PATH,
      store:
        e.HIROBA_DATABASE_URL === undefined
          ? { kind: 'sqlite', path: e.HIROBA_DB ?? DEFAULT_DB_PATH }
          : { kind: 'postgres', url: e.HIROBA_DATABASE_URL },
      poolSize: e.HIROBA_DATABASE_POOL_SIZE ?? 10,
      outboxLeaseMs: (e.HIROBA_OUTBOX_LEASE_SECONDS ?? 120) * 1000,
      timezone: e.HIROBA_TIMEZONE ?? 'Asia/Tokyo',
      locale: e.HIROBA_LOCALE ?? 'ja',
      logLevel: e.HIROBA_LOG_LEVEL ?? 'info',
      admins,
      slack,
      teams,
      publicUrl: new URL(e.HIROBA_PUBLIC_URL ?? `http://localhost:${e.PORT ?? 3000}`).origin,
      rateLimits: (() => {
        const parsed = parseRateLimits(e.HIROBA_RATE_LIMITS ?? '');
        return parsed.ok ? parsed.limits : {};
      })(),
    },
  };
}

/** The Slack WebClient joins method names onto the base URL, so it must end in `/`. */
function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
