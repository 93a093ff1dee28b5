import { describe, expect, it } from 'vitest';
import {
  type Config,
  isLoopbackHost,
  loadConfig,
  TEAMS_LOOPBACK_LINE,
  TEAMS_UNAUTHENTICATED_LINE,
} from '../src/config.js';

function ok(env: NodeJS.ProcessEnv): Config {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(`expected a config, got: ${result.problems.join(' | ')}`);
  return result.config;
}

function problems(env: NodeJS.ProcessEnv): string[] {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected problems, got a config');
  return result.problems;
}

const slackPair = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'shh' };

describe('loadConfig defaults', () => {
  it('gives every documented default for an empty environment', () => {
    expect(ok({})).toEqual({
      port: 3000,
      host: null,
      dbPath: './data/hiroba.db',
      store: { kind: 'sqlite', path: './data/hiroba.db' },
      poolSize: 10,
      outboxLeaseMs: 120_000,
      timezone: 'Asia/Tokyo',
      locale: 'ja',
      logLevel: 'info',
      admins: [],
      slack: null,
      teams: null,
      rateLimits: {},
      publicUrl: 'http://localhost:3000',
    });
  });

  it('keeps the data in the SQLite file of HIROBA_DB unless HIROBA_DATABASE_URL names a PostgreSQL database', () => {
    expect(ok({ HIROBA_DB: '/var/lib/hiroba/hiroba.db' }).store).toEqual({
      kind: 'sqlite',
      path: '/var/lib/hiroba/hiroba.db',
    });
    const url = 'postgres://hiroba:secret@db.example.co.jp:5432/hiroba';
    expect(ok({ HIROBA_DATABASE_URL: url, HIROBA_DB: '/var/lib/hiroba/hiroba.db' }).store).toEqual({
      kind: 'postgres',
      url,
    });
    const bad = loadConfig({ HIROBA_DATABASE_URL: 'mysql://db.example.co.jp/hiroba' });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems).toEqual([expect.stringContaining('HIROBA_DATABASE_URL must be a PostgreSQL URL')]);
  });

  it('reads HIROBA_PUBLIC_URL as an origin, defaults it to localhost on PORT, and refuses a non-URL', () => {
    expect(ok({ HIROBA_PUBLIC_URL: 'https://hiroba.example.co.jp/' }).publicUrl).toBe('https://hiroba.example.co.jp');
    expect(ok({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    const bad = loadConfig({ HIROBA_PUBLIC_URL: 'hiroba.example' });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems).toEqual([expect.stringContaining('HIROBA_PUBLIC_URL must be the http(s) address')]);
  });

  it('reads send limits over the published defaults, and names a bad entry', () => {
    expect(ok({ HIROBA_RATE_LIMITS: 'slack.perWorkspace=200/1m, teams.perConversation=5/1s' }).rateLimits).toEqual({
      slack: { perWorkspace: { limit: 200, windowMs: 60_000 } },
      teams: { perConversation: { limit: 5, windowMs: 1000 } },
    });
    const bad = loadConfig({ HIROBA_RATE_LIMITS: 'slack.perWorkspace=fast' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems).toEqual([expect.stringContaining('HIROBA_RATE_LIMITS must be comma-separated')]);
  });

  it('reads the PostgreSQL pool size and the outbox lease, and names a value out of range', () => {
    const read = ok({ ...slackPair, HIROBA_DATABASE_POOL_SIZE: '25', HIROBA_OUTBOX_LEASE_SECONDS: '15' });
    expect(read.poolSize).toBe(25);
    expect(read.outboxLeaseMs).toBe(15_000);
    for (const [name, value] of [
      ['HIROBA_DATABASE_POOL_SIZE', '0'],
      ['HIROBA_DATABASE_POOL_SIZE', 'ten'],
      ['HIROBA_OUTBOX_LEASE_SECONDS', '5'],
      ['HIROBA_OUTBOX_LEASE_SECONDS', '99999'],
    ] as const) {
      expect(problems({ ...slackPair, [name]: value }).join('\n')).toContain(name);
    }
  });

  it('refuses a HIROBA_ variable a typo away from a setting, and names any other unknown one in a warning', () => {
    expect(problems({ ...slackPair, HIROBA_DATABSE_URL: 'postgres://h@db/h' })).toEqual([
      'HIROBA_DATABSE_URL is not a Hiroba setting; did you mean HIROBA_DATABASE_URL?',
    ]);
    expect(problems({ ...slackPair, HIROBA_TIMEZNE: 'Asia/Tokyo' })).toEqual([
      'HIROBA_TIMEZNE is not a Hiroba setting; did you mean HIROBA_TIMEZONE?',
    ]);
    expect(ok({ ...slackPair, HIROBA_SOMETHING_ELSE: '1' }).warnings).toEqual([
      'HIROBA_SOMETHING_ELSE is not a Hiroba setting and is ignored (see .env.example)',
    ]);
    // The test suite's and the bench's own variables are theirs, not settings.
    expect(
      ok({ ...slackPair, HIROBA_TEST_DATABASE_URL: 'x', HIROBA_BENCH_CACHE: '/tmp', HIROBA_REQUIRE_POSTGRES: '1' })
        .warnings,
    ).toBeUndefined();
  });

  it('treats empty values (a bare `NAME=` line in .env) as not set', () => {
    expect(ok({ PORT: '', HIROBA_LOCALE: ' ', SLACK_BOT_TOKEN: '', MicrosoftAppId: '' })).toEqual(ok({}));
  });

  it('reads every plain value', () => {
    const config = ok({
      PORT: '8080',
      HIROBA_DB: '/var/lib/hiroba/hiroba.db',
      HIROBA_TIMEZONE: 'America/New_York',
      HIROBA_LOCALE: 'en',
      HIROBA_LOG_LEVEL: 'debug',
      HIROBA_ADMINS: ' ops@example.co.jp, U012AB3CD ,,',
    });
    expect(config.port).toBe(8080);
    expect(config.dbPath).toBe('/var/lib/hiroba/hiroba.db');
    expect(config.timezone).toBe('America/New_York');
    expect(config.locale).toBe('en');
    expect(config.logLevel).toBe('debug');
    expect(config.admins).toEqual(['ops@example.co.jp', 'U012AB3CD']);
  });

  it('accepts PORT=0 (any free port, used by tests)', () => {
    expect(ok({ PORT: '0' }).port).toBe(0);
  });
});

describe('loadConfig problems, one line each', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535 (got "70000")'],
    [{ PORT: '-1' }, 'PORT must be a whole number from 0 to 65535 (got "-1")'],
    [{ HIROBA_TIMEZONE: 'Tokyo' }, 'HIROBA_TIMEZONE must be an IANA time zone such as Asia/Tokyo (got "Tokyo")'],
    [{ HIROBA_LOCALE: 'fr' }, 'HIROBA_LOCALE must be ja or en (got "fr")'],
    [{ HIROBA_LOG_LEVEL: 'loud' }, 'HIROBA_LOG_LEVEL must be one of debug, info, warn, error (got "loud")'],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      'SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (Slack app settings → Basic Information → Signing Secret)',
    ],
    [
      { SLACK_SIGNING_SECRET: 'shh' },
      'SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set (Slack app settings → OAuth & Permissions → Bot User OAuth Token)',
    ],
    [
      { SLACK_APP_TOKEN: 'xapp-1' },
      'SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN is set (Socket Mode still sends with the bot token)',
    ],
    [
      { ...slackPair, SLACK_BOT_TOKEN: 'xoxp-user-token' },
      'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (Slack app settings → OAuth & Permissions)',
    ],
    [
      { ...slackPair, SLACK_APP_TOKEN: 'xoxb-wrong' },
      'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Slack app settings → Basic Information)',
    ],
    [
      { ...slackPair, SLACK_API_TIMEOUT_MS: '5s' },
      'SLACK_API_TIMEOUT_MS must be milliseconds from 100 to 300000, e.g. 20000',
    ],
    [
      { ...slackPair, SLACK_API_TIMEOUT_MS: '400000' },
      'SLACK_API_TIMEOUT_MS must be milliseconds from 100 to 300000, e.g. 20000',
    ],
    [
      { ...slackPair, SLACK_API_URL: 'slack.example' },
      'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/ (got "slack.example")',
    ],
    [
      { MicrosoftAppId: 'app-id' },
      'MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is MultiTenant (Azure Bot → Configuration → Manage Password)',
    ],
    [
      { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' },
      'MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant (the Microsoft Entra tenant id of the bot)',
    ],
    [
      { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'Personal' },
      'MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI (got "Personal")',
    ],
    [
      { MicrosoftAppPassword: 'pw' },
      'MicrosoftAppId is required when MicrosoftAppPassword or MicrosoftAppTenantId is set (Azure Bot → Configuration → Microsoft App ID)',
    ],
    [{ TEAMS_ENABLED: 'maybe' }, 'TEAMS_ENABLED must be true or false (got "maybe")'],
    [
      { HIROBA_ADMINS: 'ops@example.co.jp,Taro Yamada' },
      'HIROBA_ADMINS must be a comma-separated list of emails or platform user ids (cannot read "Taro Yamada")',
    ],
  ])('%j → one line', (env, line) => {
    expect(problems(env)).toEqual([line]);
  });

  it('reports every problem at once, not only the first', () => {
    expect(problems({ PORT: 'x', HIROBA_LOCALE: 'de', SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "x")',
      'HIROBA_LOCALE must be ja or en (got "de")',
      'SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (Slack app settings → Basic Information → Signing Secret)',
    ]);
  });

  it('never echoes a secret in a problem line', () => {
    const lines = problems({ SLACK_BOT_TOKEN: 'xoxp-very-secret-token', SLACK_SIGNING_SECRET: 'shh' }).join('\n');
    expect(lines).not.toContain('very-secret');
  });
});

describe('loadConfig derived blocks', () => {
  it('has a slack block with token and secret (HTTP mode)', () => {
    expect(ok(slackPair).slack).toEqual({
      botToken: 'xoxb-1-2-abc',
      signingSecret: 'shh',
      appToken: null,
      socketMode: false,
      apiUrl: null,
      apiTimeoutMs: 20_000,
    });
  });

  it('switches to Socket Mode with an app token and keeps the API URL with a trailing slash', () => {
    const slack = ok({
      ...slackPair,
      SLACK_APP_TOKEN: 'xapp-1-A1-xyz',
      SLACK_API_URL: 'http://127.0.0.1:4000/api',
    }).slack;
    expect(slack).toEqual({
      botToken: 'xoxb-1-2-abc',
      signingSecret: 'shh',
      appToken: 'xapp-1-A1-xyz',
      socketMode: true,
      apiUrl: 'http://127.0.0.1:4000/api/',
      apiTimeoutMs: 20_000,
    });
  });

  it('reads SLACK_API_TIMEOUT_MS for every Slack Web API call', () => {
    expect(ok({ ...slackPair, SLACK_API_TIMEOUT_MS: '1500' }).slack?.apiTimeoutMs).toBe(1500);
  });

  it('Socket Mode needs no signing secret', () => {
    expect(ok({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-xyz' }).slack).toEqual({
      botToken: 'xoxb-1-2-abc',
      signingSecret: null,
      appToken: 'xapp-1-A1-xyz',
      socketMode: true,
      apiUrl: null,
      apiTimeoutMs: 20_000,
    });
  });

  it('has a teams block from MicrosoftAppId', () => {
    const config = ok({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'pw' });
    expect(config.teams).toEqual({
      appId: 'app-id',
      appPassword: 'pw',
      appType: 'MultiTenant',
      tenantId: null,
      security: 'credentials',
    });
    expect(config.slack).toBeNull();
  });

  it('has a teams block without credentials when TEAMS_ENABLED=true on a loopback HOST (emulators, tests)', () => {
    expect(ok({ TEAMS_ENABLED: 'true', HOST: '127.0.0.1' }).teams).toEqual({
      appId: '',
      appPassword: '',
      appType: 'MultiTenant',
      tenantId: null,
      security: 'loopback',
    });
    expect(ok({ TEAMS_ENABLED: 'true', HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    for (const HOST of ['::1', 'localhost', 'LOCALHOST', '127.0.0.53']) {
      expect(ok({ TEAMS_ENABLED: '1', HOST }).teams?.security).toBe('loopback');
    }
  });

  it('refuses Teams without credentials on a HOST others can reach, with one line that says what to do', () => {
    const line = TEAMS_UNAUTHENTICATED_LINE;
    expect(problems({ TEAMS_ENABLED: 'true', HOST: '0.0.0.0' })).toEqual([line]);
    expect(problems({ TEAMS_ENABLED: 'true', HOST: '10.0.0.5', TEAMS_INSECURE: 'false' })).toEqual([line]);
    expect(problems({ TEAMS_ENABLED: 'true', HOST: '127.0.0.1.example.com' })).toEqual([line]);
    expect(line).toContain('MicrosoftAppId');
    expect(line).toContain('HOST=127.0.0.1');
    expect(line).toContain('TEAMS_INSECURE=true');
  });

  it('listens on 127.0.0.1 only when Teams has no credentials and no HOST is given, and says so', () => {
    const config = ok({ TEAMS_ENABLED: 'true' });
    expect(config.host).toBe('127.0.0.1');
    expect(config.teams?.security).toBe('loopback');
    expect(config.warnings).toEqual([TEAMS_LOOPBACK_LINE]);
    expect(ok({ TEAMS_ENABLED: 'true', HOST: ' ' }).host).toBe('127.0.0.1');
    // Credentials, or insecure on purpose: HOST as given (every interface when unset), no warning.
    expect(ok({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'pw' }).host).toBeNull();
    expect(ok({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'pw' }).warnings).toBeUndefined();
    expect(ok({ TEAMS_ENABLED: 'true', TEAMS_INSECURE: 'true' }).host).toBeNull();
    expect(ok({ TEAMS_ENABLED: 'true', HOST: '127.0.0.1' }).warnings).toBeUndefined();
  });

  it('runs Teams without credentials anywhere only with TEAMS_INSECURE=true, marked insecure', () => {
    expect(ok({ TEAMS_ENABLED: 'true', TEAMS_INSECURE: 'true' }).teams?.security).toBe('insecure');
    expect(ok({ TEAMS_ENABLED: 'true', TEAMS_INSECURE: '1', HOST: '0.0.0.0' }).teams?.security).toBe('insecure');
    // Credentials make the request checked whatever the flag says.
    expect(ok({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'pw', TEAMS_INSECURE: 'true' }).teams?.security).toBe(
      'credentials',
    );
    expect(problems({ TEAMS_INSECURE: 'yes' })).toEqual(['TEAMS_INSECURE must be true or false (got "yes")']);
    expect(problems({ HOST: 'my host' })).toEqual([expect.stringContaining('HOST must be the address to listen on')]);
  });

  it('turns Teams off with TEAMS_ENABLED=false even when credentials are set', () => {
    expect(ok({ TEAMS_ENABLED: 'false', MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'pw' }).teams).toBeNull();
  });

  it('accepts a user-assigned managed identity without a password', () => {
    expect(
      ok({ MicrosoftAppId: 'app-id', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 'tenant' }).teams,
    ).toEqual({
      appId: 'app-id',
      appPassword: '',
      appType: 'UserAssignedMSI',
      tenantId: 'tenant',
      security: 'credentials',
    });
  });

  it('runs both adapters side by side', () => {
    const config = ok({ ...slackPair, MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'pw' });
    expect(config.slack).not.toBeNull();
    expect(config.teams).not.toBeNull();
  });
});

describe('isLoopbackHost', () => {
  it('is true only for addresses this machine alone can reach', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'localhost.example.com', '', null, undefined])
      expect(isLoopbackHost(host)).toBe(false);
  });
});
