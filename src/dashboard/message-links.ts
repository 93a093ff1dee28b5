import type { Workspace } from '../core/types.js';

/**
 * A link that opens a message Hiroba posted, in the chat tool, from the ids the outbox kept; null on
 * a platform without one (the demo's in-memory chat). Slack's message id is `channel:ts`
 * (`SlackPlatform.send`); the web client opens a message as its thread. Teams' is the activity id
 * of the channel post, opened with Teams' documented message deep link.
 */
export function chatLink(workspace: Workspace, channelId: string, messageId: string): string | null {
  if (workspace.platform === 'slack') {
    const ts = messageId.includes(':') ? messageId.slice(messageId.indexOf(':') + 1) : messageId;
    if (!/^\d+\.\d+$/u.test(ts)) return null;
    const team = encodeURIComponent(workspace.externalId);
    const channel = encodeURIComponent(channelId);
    return `https://app.slack.com/client/${team}/${channel}/thread/${channel}-${ts}`;
  }
  if (workspace.platform === 'teams') {
    const url = new URL(
      `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${encodeURIComponent(messageId)}`,
    );
    url.searchParams.set('tenantId', workspace.externalId);
    url.searchParams.set('parentMessageId', messageId);
    return url.toString();
  }
  return null;
}
