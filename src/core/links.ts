import type { Workspace } from './types.js';

/**
 * A link to a message Hiroba posted, from the channel and the id the platform gave the send. Slack's
 * `archives` URL opens the message in whichever workspace the reader is signed in to; Teams' deep link
 * opens the channel message; the in-memory platform of the demo and tests gets a URL that names it.
 */
export function postLink(workspace: Pick<Workspace, 'platform'>, channelId: string, messageId: string): string {
  switch (workspace.platform) {
    case 'slack':
      return `https://slack.com/archives/${encodeURIComponent(channelId)}/p${messageId.replace('.', '')}`;
    case 'teams':
      return `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${encodeURIComponent(messageId)}`;
    case 'memory':
      return `https://hiroba.invalid/${encodeURIComponent(channelId)}/${encodeURIComponent(messageId)}`;
  }
}
