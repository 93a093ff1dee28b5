import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../src/slack/app.commands.js';
import { SUBSCRIBED_EVENTS } from '../../src/slack/app.events.js';
import { SLACK_EVENTS_PATH } from '../../src/slack/app.js';
import { eventScopes, methodSpec } from './slack-spec.js';
import { parseYamlSubset, type Yaml } from './yaml-subset.js';

const manifestText = readFileSync(new URL('../../slack/manifest.yml', import.meta.url), 'utf8');
const manifest = parseYamlSubset(manifestText) as Record<string, Record<string, Yaml>>;
const get = (path: string): Yaml | undefined =>
  path
    .split('.')
    .reduce<Yaml | undefined>(
      (node, key) => (node && typeof node === 'object' && !Array.isArray(node) ? node[key] : undefined),
      manifest as Yaml,
    );

const EVENTS = [
  'message.channels',
  'message.groups',
  'reaction_added',
  'reaction_removed',
  'member_joined_channel',
  'team_join',
  'user_change',
  'app_home_opened',
];

/** Web API methods the adapter calls, read from its source so a new call cannot slip past the scopes. */
function calledMethods(): string[] {
  const dir = new URL('../../src/slack/', import.meta.url);
  const found = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.ts')) continue;
    const source = readFileSync(new URL(file, dir), 'utf8');
    for (const m of source.matchAll(/client\.((?:[a-z]+\s*\.\s*)+[a-zA-Z]+)\(/gu))
      if (m[1]) found.add(m[1].replace(/\s+/gu, ''));
  }
  return [...found].sort();
}

/**
 * Scopes that no event or method in the specs names but a feature needs: `commands` for the slash
 * command, `users:read.email` for `profile.email` in `users.list` (Slack leaves it out otherwise).
 */
const FEATURE_SCOPES: Record<string, string> = {
  commands: 'the /hiroba slash command',
  'users:read.email': 'emails in users.list',
};
/** Methods only called when ops turn a feature on; their scopes are optional in the manifest. */
const OPTIONAL_METHODS: Record<string, string> = {
  'users.profile.get': 'users.profile:read (only when profile fields are mapped)',
};

/**
 * Methods newer than the published Web API spec, with the scope Slack's method pages name: the
 * external upload flow that replaced `files.upload` (the digest chart).
 */
/** The spec lists the old split scopes of chat.postMessage; a bot token's granular scope is `chat:write`. */
const granular = (scope: string): string =>
  scope === 'chat:write:bot' || scope === 'chat:write:user' ? 'chat:write' : scope;

describe('slack/manifest.yml', () => {
  const scopes = get('oauth_config.scopes.bot') as string[];

  it('declares the bot user, the Home tab, the /hiroba command, interactivity and one request URL', () => {
    expect(get('features.bot_user.display_name')).toBe('Hiroba');
    expect(get('features.app_home.home_tab_enabled')).toBe(true);
    expect(get('features.app_home.messages_tab_enabled')).toBe(true);
    const commands = get('features.slash_commands') as Array<Record<string, Yaml>>;
    expect(commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(commands[0]?.should_escape).toBe(true);
    expect(get('settings.interactivity.is_enabled')).toBe(true);
    const urls = [
      commands[0]?.url,
      get('settings.event_subscriptions.request_url'),
      get('settings.interactivity.request_url'),
    ];
    for (const url of urls) expect(String(url).endsWith(SLACK_EVENTS_PATH)).toBe(true);
  });

  it('subscribes to exactly the events the issue lists, which the app listens to', () => {
    const events = get('settings.event_subscriptions.bot_events') as string[];
    expect([...events].sort()).toEqual([...EVENTS].sort());
    const listened = new Set<string>(SUBSCRIBED_EVENTS);
    for (const event of events) expect(listened.has(event.split('.')[0] ?? event)).toBe(true);
  });

  it("declares every scope its events need per Slack's Events API spec", () => {
    for (const event of get('settings.event_subscriptions.bot_events') as string[]) {
      const needed = event === 'app_home_opened' ? [] : eventScopes(event);
      expect(needed, `${event} is in the spec`).not.toBeNull();
      for (const scope of needed ?? []) expect(scopes, `${event} needs ${scope}`).toContain(scope);
    }
  });

  it("declares a scope for every Web API method the adapter calls, per Slack's Web API spec", () => {
    const methods = calledMethods();
    expect(methods).toEqual([
      'auth.test',
      'chat.postMessage',
      'conversations.history',
      'conversations.info',
      'conversations.open',
      'conversations.replies',
      'files.completeUploadExternal',
      'files.getUploadURLExternal',
      'users.info',
      'users.list',
      'users.profile.get',
      'views.open',
      'views.publish',
    ]);
    for (const method of methods) {
      const spec = methodSpec(method);
      expect(spec, `${method} is in the spec`).not.toBeNull();
      const options = (spec?.scopes ?? []).map(granular);
      if (options.includes('none')) continue;
      if (method in OPTIONAL_METHODS) {
        expect(scopes.some((s) => options.includes(s))).toBe(false);
        expect(manifestText).toContain(`# - ${options[0] ?? ''}`);
        continue;
      }
      expect(
        scopes.some((s) => options.includes(s)),
        `${method} needs one of ${options.join(', ')}`,
      ).toBe(true);
    }
  });

  it('asks for nothing it does not need', () => {
    const events = get('settings.event_subscriptions.bot_events') as string[];
    const justified = new Set<string>(Object.keys(FEATURE_SCOPES));
    for (const event of events) for (const scope of eventScopes(event) ?? []) justified.add(scope);
    for (const method of calledMethods()) {
      if (method in OPTIONAL_METHODS) continue;
      for (const scope of methodSpec(method)?.scopes ?? []) justified.add(granular(scope));
    }
    for (const scope of scopes) expect(justified.has(scope), `${scope} is not needed by any event or call`).toBe(true);
    expect([...scopes].sort()).toEqual(
      [
        'channels:history',
        'channels:read',
        'chat:write',
        'commands',
        'files:write',
        'groups:history',
        'groups:read',
        'im:history',
        'im:write',
        'reactions:read',
        'users:read',
        'users:read.email',
      ].sort(),
    );
  });

  it('explains every scope in a comment right above it', () => {
    const lines = manifestText.split('\n');
    for (const scope of scopes) {
      const at = lines.findIndex((l) => l.trim() === `- ${scope}`);
      expect(lines[at - 1]?.trim().startsWith('#'), `${scope} has a comment`).toBe(true);
    }
  });

  it('points only to files and README sections that exist', () => {
    const root = new URL('../../', import.meta.url);
    const files = [...manifestText.matchAll(/(?<![\w/.-])((?:[\w-]+\/)*[\w.-]+\.(?:md|ts|yml|json))\b/gu)].map(
      (m) => m[1] ?? '',
    );
    expect(files).toContain('README.md');
    for (const file of files) expect(existsSync(new URL(file, root)), `${file} named in the manifest`).toBe(true);
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(readme).toMatch(/^## Slack$[\s\S]*^### Permissions and why$/mu);
  });
});
