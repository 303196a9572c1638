// Draws the default share image (Open Graph / Twitter card) as public/og-image.png, 1200×630:
// the Lauwer mark of favicon.svg and the word LAUWER in block letters on the navy of the mark.
// Crawlers do not accept SVG, hence a PNG; it is committed, so this runs only when the design changes:
//   node scripts/og-image.mjs
import { writeFileSync } from "node:fs";
import { PNG } from "pngjs";

const W = 1200;
const H = 630;
const NAVY = [0x15, 0x42, 0x73];
const WHITE = [0xff, 0xff, 0xff];
const LIGHT = [0x7f, 0xa3, 0xc8];
const png = new PNG({ width: W, height: H });

function rect(x0, y0, w, h, [r, g, b]) {
  for (let y = Math.max(0, y0); y < Math.min(H, y0 + h); y++)
    for (let x = Math.max(0, x0); x < Math.min(W, x0 + w); x++) {
      const i = (y * W + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
}

// 5×7 block letters.
const FONT = {
  L: ["10000", "10000", "10000", "10000", "10000", "10000", "11111"],
  A: ["01110", "10001", "10001", "11111", "10001", "10001", "10001"],
  U: ["10001", "10001", "10001", "10001", "10001", "10001", "01110"],
  W: ["10001", "10001", "10001", "10101", "10101", "11011", "10001"],
  E: ["11111", "10000", "10000", "11110", "10000", "10000", "11111"],
  R: ["11110", "10001", "10001", "11110", "10100", "10010", "10001"],
};

function text(word, x0, y0, cell, colour) {
  let x = x0;
  for (const ch of word) {
    FONT[ch].forEach((row, r) => [...row].forEach((bit, c) => bit === "1" && rect(x + c * cell, y0 + r * cell, cell, cell, colour)));
    x += 6 * cell;
  }
}

rect(0, 0, W, H, NAVY);
// The mark (favicon.svg's "L" in a white tile), 280 px.
const mark = { x: 110, y: 175, s: 280 / 32 };
rect(mark.x, mark.y, 280, 280, WHITE);
const u = (n) => Math.round(n * mark.s);
rect(mark.x + u(9), mark.y + u(7), u(4), u(18), NAVY);
rect(mark.x + u(9), mark.y + u(21), u(14), u(4), NAVY);
// The name and a rule under it.
text("LAUWER", 460, 235, 20, WHITE);
rect(460, 415, 700, 10, LIGHT);

writeFileSync(new URL("../public/og-image.png", import.meta.url), PNG.sync.write(png));
console.log("public/og-image.png written");
