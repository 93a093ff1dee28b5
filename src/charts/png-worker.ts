import { parentPort } from 'node:worker_threads';
import { messageChartPng } from './message-chart.js';
import type { ChartReply, ChartRequest } from './png-thread.js';

// The chart thread: draws one chart per request, in order, and answers with the PNG or the reason.
parentPort?.on('message', (request: ChartRequest) => {
  let reply: ChartReply;
  try {
    const png = messageChartPng(request.chart, request.scale, request.size);
    reply = { id: request.id, png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
