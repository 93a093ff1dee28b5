import { describe, expect, it } from 'vitest';
import { isBotFrameworkServiceUrl, serviceUrlTrust } from '../../src/teams/service-url.js';

const BOT_FRAMEWORK = [
  'https://smba.trafficmanager.net/apac/',
  'https://smba.trafficmanager.net/amer/',
  'https://smba.infra.gcc.teams.microsoft.com/',
  'https://smba.infra.gov.teams.microsoft.us/',
  'https://webchat.botframework.com/',
  'https://directline.botframework.azure.us/',
];
const FORGED = [
  'https://attacker.example.net/',
  'http://smba.trafficmanager.net/apac/',
  'https://smba.trafficmanager.net.attacker.example/',
  'https://evilbotframework.com/',
  'https://botframework.com.example/',
  'not a url',
  '',
];
const LOCAL = ['http://127.0.0.1:3978/', 'http://localhost:3978/', 'http://[::1]:3978/'];

describe('serviceUrlTrust', () => {
  it('knows the Bot Framework connectors by host, over https only', () => {
    for (const url of BOT_FRAMEWORK) expect(isBotFrameworkServiceUrl(url)).toBe(true);
    for (const url of [...FORGED, ...LOCAL]) expect(isBotFrameworkServiceUrl(url)).toBe(false);
  });

  it('trusts any serviceUrl of an authenticated request (the token names it)', () => {
    const trust = serviceUrlTrust('credentials');
    for (const url of [...BOT_FRAMEWORK, ...FORGED, ...LOCAL]) expect(trust(url)).toBe(true);
  });

  it('on loopback, trusts Bot Framework and this machine, nothing else', () => {
    const trust = serviceUrlTrust('loopback');
    for (const url of [...BOT_FRAMEWORK, ...LOCAL]) expect(trust(url)).toBe(true);
    for (const url of FORGED) expect(trust(url)).toBe(false);
  });

  it('when insecure, trusts Bot Framework only', () => {
    const trust = serviceUrlTrust('insecure');
    for (const url of BOT_FRAMEWORK) expect(trust(url)).toBe(true);
    for (const url of [...FORGED, ...LOCAL]) expect(trust(url)).toBe(false);
  });
});
