import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Ids used across the JSON fixtures in test/fixtures/teams (shaped like Teams' payloads). */
export const IDS = {
  tenant: '9f3c2b1a-4d5e-4f60-8a7b-1c2d3e4f5a6b',
  team: '19:Qx7yZk3LmN0pR5sT8uVwXa1b2c3d4e5f@thread.tacv2',
  channel: '19:7e2f1c9a8b4d4e6f9a0b1c2d3e4f5a6b@thread.tacv2',
  bot: '28:c9b4f1a2-5d6e-4f70-8a91-b2c3d4e5f607',
  alice: '29:1Zk8aP3qR7sT0uVwXyZ-AbCdEfGhIjKlMnOpQrStUvWxYz012345',
  bob: '29:1Yq2bN4cM6dL8eK0fJ-BcDeFgHiJkLmNoPqRsTuVwXyZa678901',
  ops: '29:1Xr9cO5dN7eM9fL1gK-CdEfGhIjKlMnOpQrStUvWxYzAb234567',
  newcomer: '29:1Wt6dP7eQ8fR9gS0hT-DeFgHiJkLmNoPqRsTuVwXyZaBc890123',
  aliceChat: 'a:1Hk2sNq0Zb8cW6pVt4XyRr3DmLf9GjYe5KuA7iOoS1TzQ',
  post: '1795482942123',
  reply: '1795483205456',
} as const;

export type FixtureName =
  | 'bot-added-to-team'
  | 'card-action'
  | 'card-submit-story'
  | 'channel-message'
  | 'channel-reply'
  | 'group-chat-message'
  | 'installation-remove-personal'
  | 'members-added'
  | 'members-removed'
  | 'mention-command'
  | 'message-delete'
  | 'personal-message'
  | 'reaction-added'
  | 'reaction-removed';

/** A fresh copy of a fixture activity, with fields overridden (e.g. `serviceUrl` → the fake connector). */
export function fixture(name: FixtureName, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const path = fileURLToPath(new URL(`../fixtures/teams/${name}.json`, import.meta.url));
  return { ...(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>), ...overrides };
}
