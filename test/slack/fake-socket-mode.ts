import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A fake Slack Socket Mode endpoint on 127.0.0.1: the WebSocket URL `apps.connections.open` hands
 * out. Like Slack it greets each connection with `hello`, sends envelopes (`events_api`,
 * `slash_commands`, `interactive`), expects `{envelope_id}` back for each, answers pings (ws does),
 * and can drop the socket or ask the client to reconnect (`disconnect`, `refresh_requested`).
 */
export interface Envelope {
  envelope_id: string;
  type: 'events_api' | 'slash_commands' | 'interactive';
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export class FakeSocketMode {
  /** Connections opened so far (each got a `hello`). */
  connections = 0;
  /** Every acknowledgement received, in order. */
  readonly acks: Array<{ envelope_id: string; payload?: unknown }> = [];
  readonly violations: string[] = [];
  private server: WebSocketServer | null = null;
  private current: WebSocket | null = null;
  private port = 0;
  private readonly waiters: Array<() => void> = [];

  get url(): string {
    return `ws://127.0.0.1:${this.port}/link/?ticket=fake-ticket&app_id=A0HIROBA01`;
  }

  async start(): Promise<void> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.server = server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    this.port = (server.address() as AddressInfo).port;
    server.on('connection', (socket) => {
      this.current = socket;
      this.connections += 1;
      socket.on('message', (data) => {
        let message: { envelope_id?: unknown; payload?: unknown };
        try {
          message = JSON.parse(String(data)) as typeof message;
        } catch {
          this.violations.push(`not JSON from the client: ${String(data)}`);
          return;
        }
        if (typeof message.envelope_id !== 'string') {
          this.violations.push(`a message without envelope_id: ${String(data)}`);
          return;
        }
        this.acks.push({ envelope_id: message.envelope_id, payload: message.payload });
        this.notify();
      });
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0HIROBA01' },
        }),
      );
      this.notify();
    });
  }

  /** Resolves once `n` connections have been opened (and greeted). */
  waitForConnections(n: number, timeoutMs = 20_000): Promise<void> {
    return this.waitFor(() => this.connections >= n && this.current?.readyState === 1, `${n} connection(s)`, timeoutMs);
  }

  /** Sends an envelope on the live socket and resolves with its acknowledgement. */
  async send(envelope: Envelope, timeoutMs = 20_000): Promise<{ envelope_id: string; payload?: unknown }> {
    if (this.current?.readyState !== 1) throw new Error('no live socket');
    const before = this.acks.length;
    this.current.send(JSON.stringify(envelope));
    await this.waitFor(
      () => this.acks.slice(before).some((a) => a.envelope_id === envelope.envelope_id),
      `ack of ${envelope.envelope_id}`,
      timeoutMs,
    );
    return this.acks.slice(before).find((a) => a.envelope_id === envelope.envelope_id)!;
  }

  /** Drops the live socket without a close handshake (a network failure). */
  drop(): void {
    this.current?.terminate();
    this.current = null;
  }

  /** What Slack sends before recycling a connection. */
  askToReconnect(): void {
    this.current?.send(
      JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'applink-fake' } }),
    );
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async waitFor(ok: () => boolean, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`fake Socket Mode: gave up waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
}
