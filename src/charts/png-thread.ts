import type { Worker } from 'node:worker_threads';
import type { MessageChart } from '../core/message.js';
import { startWorker } from '../worker-entry.js';
import type { ChartSize } from './render-svg.js';

/** What the chart thread is asked: one chart, drawn at `scale` and `size`. */
export interface ChartRequest {
  id: number;
  chart: MessageChart;
  scale: number;
  size: ChartSize;
}

export type ChartReply = { id: number; png: Uint8Array } | { id: number; error: string };

/** Draws message charts as PNG. */
export type ChartRenderer = (chart: MessageChart, scale: number, size: ChartSize) => Promise<Buffer>;

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * A renderer that draws on a thread of its own: resvg takes 100–250 ms for a digest chart, which on
 * the main thread would hold every event and `/healthz` that long. The thread starts with the first
 * chart and keeps the process alive only while it draws; a failed thread is replaced at the next chart. Created by
 * each platform that sends charts (Slack's upload, Teams' card image).
 */
export function chartThread(): ChartRenderer {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, { resolve: (png: Buffer) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error): void => {
    for (const waiter of waiting.values()) waiter.reject(error);
    waiting.clear();
  };

  const start = (): Worker => {
    const entry = new URL(`./png-worker.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url);
    const started = startWorker(entry);
    started.on('message', (reply: ChartReply) => {
      const waiter = waiting.get(reply.id);
      waiting.delete(reply.id);
      // Idle, the thread must not keep the process alive; busy, it must (a CLI run waits for it).
      if (waiting.size === 0) started.unref();
      if ('png' in reply) waiter?.resolve(Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength));
      else waiter?.reject(new Error(reply.error));
    });
    started.on('error', (error) => failAll(error));
    started.once('exit', (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`the chart thread ended (exit code ${code})`));
    });
    return started;
  };

  return (chart, scale, size) =>
    new Promise((resolve, reject) => {
      worker ??= start();
      worker.ref();
      next += 1;
      waiting.set(next, { resolve, reject });
      const request: ChartRequest = { id: next, chart, scale, size };
      worker.postMessage(request);
    });
}
