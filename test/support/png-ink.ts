import resvgModule from '@resvg/resvg-js';

const { Resvg } = resvgModule;

/** Width and height from a PNG's header. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Pixels that are not (near) white: how much a picture shows. The PNG is decoded by resvg (an SVG
 * holding it as an image), so tests need no image library of their own.
 */
export function inkPixels(png: Buffer): number {
  const { width, height } = pngSize(png);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  const pixels = new Resvg(svg, { background: '#ffffff' }).render().pixels;
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4)
    if ((pixels[i] ?? 255) < 200 || (pixels[i + 1] ?? 255) < 200 || (pixels[i + 2] ?? 255) < 200) ink++;
  return ink;
}
