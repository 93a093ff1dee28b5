import { isLoopbackHost, type TeamsSecurity } from '../config.js';

/**
 * Hosts of the Bot Framework connectors Teams and the Bot Framework channels send from: public
 * (`smba.trafficmanager.net`), GCC, GCC High and DoD (`*.teams.microsoft.com`, `*.teams.microsoft.us`),
 * and the Bot Framework's own channels and government cloud (`*.botframework.com`, `*.botframework.azure.us`).
 */
const BOT_FRAMEWORK_HOSTS: readonly RegExp[] = [
  /^smba\.trafficmanager\.net$/u,
  /(?:^|\.)teams\.microsoft\.com$/u,
  /(?:^|\.)teams\.microsoft\.us$/u,
  /(?:^|\.)botframework\.com$/u,
  /(?:^|\.)botframework\.azure\.us$/u,
];

/** True for an https URL on a Bot Framework connector host. */
export function isBotFrameworkServiceUrl(serviceUrl: string): boolean {
  const url = parse(serviceUrl);
  return url !== null && url.protocol === 'https:' && BOT_FRAMEWORK_HOSTS.some((host) => host.test(url.hostname));
}

/**
 * Whether a turn's `serviceUrl` may be stored to reach its tenant and people later (proactive DMs
 * and channel posts go wherever the stored reference says).
 *
 * - `credentials`: yes. The Bot Framework token was checked, and its `serviceurl` claim must equal
 *   the activity's (botbuilder refuses the request otherwise).
 * - `loopback`: a Bot Framework connector, or a connector on this machine (an emulator, the tests):
 *   only this machine can send requests at all.
 * - `insecure`: a Bot Framework connector only. Anyone on the network can claim anything, so a
 *   forged `serviceUrl` must not redirect a member's next DM to a server of their choosing.
 *
 * Called by the bot for each turn (see `TurnDeps.trustServiceUrl`).
 */
export function serviceUrlTrust(security: TeamsSecurity): (serviceUrl: string) => boolean {
  if (security === 'credentials') return () => true;
  return (serviceUrl) => {
    if (isBotFrameworkServiceUrl(serviceUrl)) return true;
    if (security !== 'loopback') return false;
    const url = parse(serviceUrl);
    return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  };
}

function parse(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
