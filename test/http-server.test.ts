import { afterEach, describe, expect, it } from 'vitest';
import { boundPort, createHttpServer, type HealthReport, type HttpServer } from '../src/http-server.js';

const healthy: HealthReport = { db: 'ok', adapters: { slack: 'on', teams: 'off' }, outbox: { pending: 4 } };

describe('createHttpServer', () => {
  let server: HttpServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  async function start(health: () => HealthReport): Promise<string> {
    server = createHttpServer({ health, onError: () => undefined });
    const listening = await server.listen(0, '127.0.0.1');
    return `http://127.0.0.1:${boundPort(listening)}`;
  }

  it('answers GET /healthz with 200 and the report when the database is fine', async () => {
    const base = await start(() => healthy);
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      db: 'ok',
      adapters: { slack: 'on', teams: 'off' },
      outbox: { pending: 4 },
    });
  });

  it('answers 503 when the database check fails', async () => {
    const base = await start(() => ({ ...healthy, db: 'error' }));
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'error',
      db: 'error',
      adapters: { slack: 'on', teams: 'off' },
      outbox: { pending: 4 },
    });
  });

  it('answers 503 when the health check itself throws', async () => {
    const base = await start(() => {
      throw new Error('database is locked');
    });
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; db: string };
    expect(body.status).toBe('error');
    expect(body.db).toBe('error');
  });

  it('lets adapters mount routes before listen and hides stack traces of their errors', async () => {
    server = createHttpServer({ health: () => healthy, onError: () => undefined });
    server.app.post('/boom', () => {
      throw new Error('secret internals');
    });
    const listening = await server.listen(0, '127.0.0.1');
    const response = await fetch(`http://127.0.0.1:${boundPort(listening)}/boom`, { method: 'POST' });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toBe('{"status":"error","error":"internal_error"}');
  });

  it('installs no global body parser (Bolt needs the raw body)', async () => {
    server = createHttpServer({ health: () => healthy });
    let seenBody: unknown = 'untouched';
    server.app.post('/raw', (req, res) => {
      seenBody = req.body;
      res.status(204).end();
    });
    const listening = await server.listen(0, '127.0.0.1');
    await fetch(`http://127.0.0.1:${boundPort(listening)}/raw`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(seenBody).toBeUndefined();
  });

  it('close() without listen resolves', async () => {
    const idle = createHttpServer({ health: () => healthy });
    await expect(idle.close()).resolves.toBeUndefined();
  });
});
