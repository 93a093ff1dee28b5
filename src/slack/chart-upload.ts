import type { WebClient } from '@slack/web-api';
import { messageChartPng } from '../charts/message-chart.js';
import type { MessageChart } from '../core/message.js';
import type { SlackLog } from './slack-platform.js';

/**
 * Posts a message's chart as a PNG right after the message, with Slack's external upload flow:
 * `files.getUploadURLExternal`, the bytes POSTed to the URL it gives, then
 * `files.completeUploadExternal` into the same channel. Never fails the message: when the chart
 * cannot be drawn or uploaded the message stands alone and the log says why (needs `files:write`).
 */
export async function uploadChart(
  client: WebClient,
  channel: string,
  chart: MessageChart,
  log: SlackLog,
  render: (chart: MessageChart) => Buffer | Promise<Buffer> = messageChartPng,
): Promise<boolean> {
  let png: Buffer;
  try {
    png = await render(chart);
  } catch (error) {
    log.warn(`digest chart not drawn, message sent without it: ${reason(error)}`);
    return false;
  }
  try {
    const filename = 'hiroba-participation.png';
    const slot = await client.files.getUploadURLExternal({ filename, length: png.length, alt_text: chart.alt });
    if (!slot.upload_url || !slot.file_id) throw new Error('files.getUploadURLExternal gave no upload_url or file_id');
    const upload = await fetch(slot.upload_url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(png),
    });
    if (!upload.ok) throw new Error(`upload_url answered HTTP ${upload.status}`);
    await client.files.completeUploadExternal({
      files: [{ id: slot.file_id, title: chart.title }],
      channel_id: channel,
    });
    return true;
  } catch (error) {
    log.warn(`digest chart not uploaded, message sent without it: ${reason(error)}`);
    return false;
  }
}

function reason(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (data && typeof data.error === 'string') return data.error;
  return error instanceof Error ? error.message : String(error);
}
