/**
 * Renders the app icon (web/public/icons/icon.svg, full-bleed so it also works as a maskable icon) to the PNG sizes
 * the web app manifest lists. Run after changing the SVG: `node web/scripts/make-icons.ts`; the PNGs are committed.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const dir = fileURLToPath(new URL('../public/icons/', import.meta.url));
const svg = await readFile(`${dir}icon.svg`);

for (const size of [192, 512]) {
  await sharp(svg, { density: Math.ceil((72 * size) / 512) * 2 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(`${dir}icon-${size}.png`);
}
// iOS home screen icon.
await sharp(svg, { density: 144 }).resize(180, 180).png({ compressionLevel: 9 }).toFile(`${dir}apple-touch-icon.png`);
console.log('icons written to', dir);
