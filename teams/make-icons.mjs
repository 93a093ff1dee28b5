// Draws the two Teams app icons with nothing but Node's zlib: `node teams/make-icons.mjs`.
// color.png  192×192: the mark in white on the accent colour (Teams rounds the corners itself).
// outline.png 32×32: the mark in white on transparency, as Teams requires for the app bar.
// The mark: a ring (the plaza) with three people standing on it.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (Uint8Array, width*height*4) → PNG bytes. */
function png(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage (0–1) of the mark at a point, in units where the icon spans 0–1. */
function mark(x, y) {
  const cx = 0.5;
  const cy = 0.5;
  const r = Math.hypot(x - cx, y - cy);
  const ring = Math.abs(r - 0.25) <= 0.035;
  const people = [90, 210, 330].some((deg) => {
    const a = (deg * Math.PI) / 180;
    return Math.hypot(x - (cx + 0.25 * Math.cos(a)), y - (cy - 0.25 * Math.sin(a))) <= 0.075;
  });
  const centre = r <= 0.05;
  return ring || people || centre;
}

/** Renders the mark with 4×4 supersampling; `background` null → transparent. */
function draw(size, scale, background) {
  const rgba = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          // Map into mark space around the centre, scaled so the mark fills `scale` of the icon.
          const x = 0.5 + ((px + (sx + 0.5) / n) / size - 0.5) / scale;
          const y = 0.5 + ((py + (sy + 0.5) / n) / size - 0.5) / scale;
          if (mark(x, y)) hits++;
        }
      }
      const cover = hits / (n * n);
      const i = (py * size + px) * 4;
      if (background) {
        for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(background[c] * (1 - cover) + 255 * cover);
        rgba[i + 3] = 255;
      } else {
        rgba[i] = 255;
        rgba[i + 1] = 255;
        rgba[i + 2] = 255;
        rgba[i + 3] = Math.round(255 * cover);
      }
    }
  }
  return rgba;
}

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
// Accent #2B7A78; the mark sits inside the central 96×96 Teams keeps clear of its rounding.
writeFileSync(here('color.png'), png(192, 192, draw(192, 0.75, [0x2b, 0x7a, 0x78])));
writeFileSync(here('outline.png'), png(32, 32, draw(32, 1.25, null)));
