import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the Bot Framework publishes for its channel tokens, on 127.0.0.1: an OpenID configuration
 * naming a JWKS with one RSA signing key, and a signer for tokens shaped like the ones the Bot
 * Connector sends (RS256, issuer https://api.botframework.com, audience = the bot's app id,
 * `serviceurl` = the activity's serviceUrl).
 */
export interface KeyServer {
  /** The OpenID metadata address to give the bot (`openIdMetadataUrl`). */
  metadataUrl: string;
  kid: string;
  /** A token signed with the published key; claims override the defaults. */
  token(claims: Record<string, unknown>, options?: { key?: KeyObject; kid?: string }): string;
  /** Requests the server answered. */
  hits: number;
  close(): Promise<void>;
}

export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export async function startKeyServer(options: { failing?: boolean } = {}): Promise<KeyServer> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `key-${Math.random().toString(36).slice(2, 10)}`;
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  let base = '';
  const state = { hits: 0 };
  const server = http.createServer((req, res) => {
    state.hits += 1;
    if (options.failing) {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
      return;
    }
    if (req.url === '/openid') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jwks_uri: `${base}/keys` }));
      return;
    }
    if (req.url === '/keys') {
      const key = { kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [key] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/openid`,
    kid,
    get hits() {
      return state.hits;
    },
    token(claims, signing = {}) {
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'RS256', typ: 'JWT', kid: signing.kid ?? kid };
      const payload = { iss: BOT_FRAMEWORK_ISSUER, nbf: now - 60, exp: now + 3600, ...claims };
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const unsigned = `${encode(header)}.${encode(payload)}`;
      const signature = sign('sha256', Buffer.from(unsigned), signing.key ?? privateKey).toString('base64url');
      return `${unsigned}.${signature}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
