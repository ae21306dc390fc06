/**
 * Draws the Teams app icons: `manifest/color.png` (192×192, white remedy cross on the brand blue) and
 * `manifest/outline.png` (32×32, the same cross in white on a transparent background). Run with
 * `npx tsx scripts/make-icons.ts`; the PNGs are committed, so this only runs when the design changes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
/** Fluent "communication blue", the Teams-friendly brand colour of the colour icon. */
const BRAND_RGB = [0x0f, 0x6c, 0xbd] as const;
const SUPERSAMPLES = 4;

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  radius: number;
}

function insideRoundedRect(x: number, y: number, r: Rect): boolean {
  if (x < r.x0 || x > r.x1 || y < r.y0 || y > r.y1) return false;
  const cx = Math.min(Math.max(x, r.x0 + r.radius), r.x1 - r.radius);
  const cy = Math.min(Math.max(y, r.y0 + r.radius), r.y1 - r.radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r.radius ** 2;
}

/** The remedy mark: a rounded "plus" cross, as fractions of the icon size, centred. */
function crossRects(size: number, armLength: number, armWidth: number): Rect[] {
  const c = size / 2;
  const half = (armLength * size) / 2;
  const w = (armWidth * size) / 2;
  const radius = w * 0.45;
  return [
    { x0: c - w, y0: c - half, x1: c + w, y1: c + half, radius },
    { x0: c - half, y0: c - w, x1: c + half, y1: c + w, radius },
  ];
}

/** Fraction of pixel (px, py) covered by the shape, by supersampling (anti-aliased edges). */
function coverage(px: number, py: number, shapes: Rect[]): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLES; sy++) {
    for (let sx = 0; sx < SUPERSAMPLES; sx++) {
      const x = px + (sx + 0.5) / SUPERSAMPLES;
      const y = py + (sy + 0.5) / SUPERSAMPLES;
      if (shapes.some((shape) => insideRoundedRect(x, y, shape))) hits++;
    }
  }
  return hits / SUPERSAMPLES ** 2;
}

/** 192×192 colour icon: full-bleed brand blue with the white cross blended in at the edges. */
export function drawColorIcon(): PNG {
  const size = COLOR_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  const cross = crossRects(size, 0.58, 0.2);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, cross);
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(BRAND_RGB[0] + (255 - BRAND_RGB[0]) * a);
      png.data[i + 1] = Math.round(BRAND_RGB[1] + (255 - BRAND_RGB[1]) * a);
      png.data[i + 2] = Math.round(BRAND_RGB[2] + (255 - BRAND_RGB[2]) * a);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

/** 32×32 outline icon: white only, transparent background (alpha carries the anti-aliasing). */
export function drawOutlineIcon(): PNG {
  const size = OUTLINE_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  const cross = crossRects(size, 0.75, 0.25);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, cross);
      const i = (y * size + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(255 * a);
    }
  }
  return png;
}

function main(): void {
  const dir = path.resolve(__dirname, '..', 'manifest');
  writeFileSync(path.join(dir, 'color.png'), PNG.sync.write(drawColorIcon()));
  writeFileSync(path.join(dir, 'outline.png'), PNG.sync.write(drawOutlineIcon()));
  process.stdout.write(`wrote ${path.join(dir, 'color.png')} and ${path.join(dir, 'outline.png')}\n`);
}

if (require.main === module) main();
