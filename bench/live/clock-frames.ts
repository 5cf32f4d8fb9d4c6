/**
 * A clock burned into video frames as a grid of large black and white blocks, robust to H.264 at a low bitrate and
 * to scaling: the top of a 640x360 picture holds 8 columns × 6 rows of 80x40 blocks, 48 bits: the milliseconds since
 * the run's epoch (32 bits) and a 16-bit check that a misread frame fails. The bottom strip is fresh grain every
 * frame, so the encoder spends bits as it would on a camera picture and segments have a realistic size.
 */
export const FRAME = { width: 640, height: 360, fps: 30 } as const;
export const GRID = { columns: 8, rows: 6, blockWidth: 80, blockHeight: 40 } as const;
const VALUE_BITS = 32;
const BLACK = 16;
const WHITE = 235;

/** The 16-bit check of a 32-bit value (the page computes the same). */
export function clockCheck(value: number): number {
  return ((value >>> 16) ^ (value & 0xffff) ^ 0xa5c3) & 0xffff;
}

/** The 48 bits of one frame, most significant first: the value, then its check. */
export function clockBits(value: number): boolean[] {
  const bits: boolean[] = [];
  for (let i = VALUE_BITS - 1; i >= 0; i--) bits.push(((value >>> i) & 1) === 1);
  const check = clockCheck(value);
  for (let i = 15; i >= 0; i--) bits.push(((check >>> i) & 1) === 1);
  return bits;
}

/** Writes one yuv420p frame (`frame` is width×height×1.5 bytes) carrying `value`; `grain` fills the bottom strip. */
export function drawClockFrame(frame: Buffer, value: number, grain: Buffer): void {
  const { width, height } = FRAME;
  const bits = clockBits(value);
  const gridHeight = GRID.rows * GRID.blockHeight;
  const line = Buffer.alloc(width);
  for (let row = 0; row < GRID.rows; row++) {
    for (let column = 0; column < GRID.columns; column++) {
      line.fill(
        bits[row * GRID.columns + column] ? WHITE : BLACK,
        column * GRID.blockWidth,
        (column + 1) * GRID.blockWidth,
      );
    }
    for (let y = row * GRID.blockHeight; y < (row + 1) * GRID.blockHeight; y++) line.copy(frame, y * width);
  }
  // Grain between 64 and 191: never mistaken for a block, and no help to the encoder from one frame to the next.
  const strip = frame.subarray(gridHeight * width, height * width);
  for (let i = 0; i < strip.length; i++) strip[i] = 64 + ((grain[i] ?? 0) & 127);
  frame.fill(128, width * height);
}

/**
 * Reads the clock back from RGBA pixels of the picture scaled to `canvasWidth`×`canvasHeight` (in the page: a canvas
 * the video frame was drawn into). Returns null when a block is neither clearly black nor white, or the check fails.
 * Self-contained (no imports, no closures): the page runs it through its source text.
 */
export function readClock(pixels: Uint8ClampedArray, canvasWidth: number, canvasHeight: number): number | null {
  const columns = 8;
  const rows = 6;
  const blockW = canvasWidth / columns;
  const blockH = (canvasHeight * 240) / 360 / rows;
  let value = 0;
  let check = 0;
  for (let index = 0; index < columns * rows; index++) {
    const column = index % columns;
    const row = Math.floor(index / columns);
    const cx = Math.floor((column + 0.5) * blockW);
    const cy = Math.floor((row + 0.5) * blockH);
    let sum = 0;
    let count = 0;
    // The middle half of the block: its edges blur with the neighbours.
    for (let y = Math.floor(cy - blockH / 4); y <= Math.floor(cy + blockH / 4); y++) {
      for (let x = Math.floor(cx - blockW / 4); x <= Math.floor(cx + blockW / 4); x++) {
        const at = (y * canvasWidth + x) * 4;
        sum += ((pixels[at] ?? 0) + (pixels[at + 1] ?? 0) + (pixels[at + 2] ?? 0)) / 3;
        count += 1;
      }
    }
    const level = sum / count;
    if (level > 80 && level < 176) return null;
    const bit = level >= 128 ? 1 : 0;
    if (index < 32) value = value * 2 + bit;
    else check = check * 2 + bit;
  }
  const expected = ((value >>> 16) ^ (value & 0xffff) ^ 0xa5c3) & 0xffff;
  return expected === check ? value : null;
}
