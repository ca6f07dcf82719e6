// Generates the Teams app icons (manifest/color.png, manifest/outline.png) from code, so they are reproducible.
// Design: a cloud with a "C" (Courtier) cut into it. Run with `npx tsx scripts/make-icons.ts`.
//   - color.png:   192×192, opaque RGB, white cloud on "bleu Québec" (#095797, also the manifest accentColor).
//   - outline.png: 32×32, RGBA, white cloud on a transparent background (only white pixels, alpha for anti-aliasing).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';

export const ACCENT_COLOR = '#095797';
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

const SUPERSAMPLING = 8; // sub-samples per axis, for anti-aliased edges

type Rgb = [number, number, number];

function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

interface Circle {
  cx: number;
  cy: number;
  r: number;
}

// Cloud geometry in a unit square (x right, y down): a union of circles on a rounded base.
const CLOUD_PUFFS: Circle[] = [
  { cx: 0.3, cy: 0.56, r: 0.16 },
  { cx: 0.52, cy: 0.44, r: 0.22 },
  { cx: 0.72, cy: 0.57, r: 0.15 },
];
const CLOUD_BASE = { x0: 0.3, x1: 0.72, cy: 0.6, r: 0.12 }; // horizontal capsule under the puffs

// The "C" cut out of the cloud: a ring with an opening on the right.
const LETTER_C = { cx: 0.5, cy: 0.56, rOuter: 0.14, rInner: 0.075, openingHalfAngle: Math.PI / 4 };

function insideCircle(x: number, y: number, c: Circle): boolean {
  const dx = x - c.cx;
  const dy = y - c.cy;
  return dx * dx + dy * dy <= c.r * c.r;
}

function insideCloud(x: number, y: number): boolean {
  if (CLOUD_PUFFS.some((c) => insideCircle(x, y, c))) return true;
  const nearestX = Math.min(Math.max(x, CLOUD_BASE.x0), CLOUD_BASE.x1);
  return insideCircle(x, y, { cx: nearestX, cy: CLOUD_BASE.cy, r: CLOUD_BASE.r });
}

function insideLetterC(x: number, y: number): boolean {
  const dx = x - LETTER_C.cx;
  const dy = y - LETTER_C.cy;
  const d = Math.hypot(dx, dy);
  if (d > LETTER_C.rOuter || d < LETTER_C.rInner) return false;
  return Math.abs(Math.atan2(dy, dx)) > LETTER_C.openingHalfAngle;
}

/** Fraction (0..1) of the pixel (px, py) covered by the white shape, for an icon of `size` pixels with the cloud scaled by `scale`. */
function coverage(px: number, py: number, size: number, scale: number, withLetter: boolean): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLING; sy++) {
    for (let sx = 0; sx < SUPERSAMPLING; sx++) {
      // Unit coordinates, scaled about the centre so the cloud can fill more or less of the canvas.
      const u = ((px + (sx + 0.5) / SUPERSAMPLING) / size - 0.5) / scale + 0.5;
      const v = ((py + (sy + 0.5) / SUPERSAMPLING) / size - 0.5) / scale + 0.5;
      if (insideCloud(u, v) && !(withLetter && insideLetterC(u, v))) hits++;
    }
  }
  return hits / (SUPERSAMPLING * SUPERSAMPLING);
}

/** 192×192 full-colour icon: opaque background, white cloud with a "C". */
export function renderColorIcon(): Buffer {
  const size = COLOR_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  const bg = hexToRgb(ACCENT_COLOR);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, size, 1.05, true);
      const i = (y * size + x) * 4;
      for (let ch = 0; ch < 3; ch++) png.data[i + ch] = Math.round(bg[ch]! * (1 - a) + 255 * a);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 2 }); // RGB, no alpha channel: the background is fully opaque
}

/** 32×32 outline icon: white shape, transparent background (alpha channel). */
export function renderOutlineIcon(): Buffer {
  const size = OUTLINE_ICON_SIZE;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, size, 1.25, true);
      const i = (y * size + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(255 * a);
    }
  }
  return PNG.sync.write(png, { colorType: 6 }); // RGBA
}

export const MANIFEST_DIR = fileURLToPath(new URL('../manifest/', import.meta.url));

/** Writes color.png and outline.png into `dir` (default: manifest/). */
export function writeIcons(dir: string = MANIFEST_DIR): { color: string; outline: string } {
  const color = join(dir, 'color.png');
  const outline = join(dir, 'outline.png');
  writeFileSync(color, renderColorIcon());
  writeFileSync(outline, renderOutlineIcon());
  return { color, outline };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { color, outline } = writeIcons();
  console.log(`Icônes écrites : ${color}, ${outline}`);
}
