// Draws the toolbar icons (a magnifying lens over a highlighted line) as PNGs,
// so no binary file is committed. Usage: node icons.mjs OUT_DIR
import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const out = process.argv[2];
if (!out) throw new Error("usage: node icons.mjs OUT_DIR");
mkdirSync(out, { recursive: true });

const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel((x + 0.5) / size, (y + 0.5) / size, 1 / size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

// Signed distances (negative inside), in units of the icon's width.
const box = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r, qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const segment = (x, y, ax, ay, bx, by, w) => {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - w;
};
const cover = (d, px) => Math.max(0, Math.min(1, 0.5 - d / px));
function over(dst, [r, g, b], a) {
  return [dst[0] * (1 - a) + r * a, dst[1] * (1 - a) + g * a, dst[2] * (1 - a) + b * a, dst[3] + (1 - dst[3]) * a];
}

function pixel(x, y, px) {
  let c = [0, 0, 0, 0];
  c = over(c, [29, 53, 87], cover(box(x, y, 0.5, 0.5, 0.47, 0.47, 0.16), px));
  const lens = Math.hypot(x - 0.42, y - 0.42);
  c = over(c, [255, 214, 10], cover(box(x, y, 0.42, 0.45, 0.2, 0.06, 0.02), px) * cover(lens - 0.24, px));
  c = over(c, [255, 255, 255], cover(Math.abs(lens - 0.26) - 0.05, px));
  c = over(c, [255, 255, 255], cover(segment(x, y, 0.62, 0.62, 0.8, 0.8, 0.07), px));
  const a = c[3];
  return a ? [c[0] / a, c[1] / a, c[2] / a, a * 255].map(Math.round) : [0, 0, 0, 0];
}

for (const size of [16, 32, 48, 128]) writeFileSync(join(out, `${size}.png`), png(size, pixel));
