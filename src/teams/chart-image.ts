import { CARD_CHART_SIZE, messageChartPng } from '../charts/message-chart.js';
import type { Message, MessageChart } from '../core/message.js';
import type { Locale } from '../core/types.js';
import { jsonBytes } from './card-text.js';
import type { ImageElement } from './card-types.js';
import { type CardActivity, cardActivity, MAX_RENDERED_BYTES, renderActivity, renderCard } from './render.js';

/** Where a failed chart is reported; the bot's logger fits. */
export interface ChartLog {
  warn(message: string, detail?: Record<string, unknown>): void;
}

/**
 * The message as a card activity with its chart (the digest's participation trend) as an Image in
 * the card, a PNG data URI. The card's text is cut first so the image fits Teams' size limit; when
 * the chart cannot be drawn, or cannot fit, the message goes out without it and the log says why.
 */
export function renderWithChart(
  message: Message,
  locale: Locale,
  log?: ChartLog,
  render: (chart: MessageChart) => Buffer = (chart) => messageChartPng(chart, 1, CARD_CHART_SIZE),
): CardActivity {
  if (message.chart === undefined) return renderActivity(message, locale);
  let image: ImageElement;
  try {
    const png = render(message.chart);
    image = {
      type: 'Image',
      url: `data:image/png;base64,${png.toString('base64')}`,
      altText: message.chart.alt,
      size: 'Stretch',
    };
  } catch (error) {
    log?.warn('digest chart not drawn; the card goes without it', { reason: reasonOf(error) });
    return renderActivity(message, locale);
  }
  const reserve = jsonBytes(image) + 1;
  const card = renderCard(message, locale, reserve);
  // After the title and the headline lines, where a reader looks for the trend.
  const at = Math.min(3, card.body.length);
  const withImage = { ...card, body: [...card.body.slice(0, at), image, ...card.body.slice(at)] };
  const activity = cardActivity(withImage, message.fallback);
  if (jsonBytes(activity) > MAX_RENDERED_BYTES) {
    log?.warn('digest chart too large for a Teams card; the card goes without it', { bytes: jsonBytes(image) });
    return renderActivity(message, locale);
  }
  return activity;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
