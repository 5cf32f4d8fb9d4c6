import { createRandom, hashString } from '../../platform/hashing.ts';

/** Width of every user and video vector. */
export const EMBEDDING_DIM = 64;

export function dot(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, dim: number): number {
  let sum = 0;
  for (let i = 0; i < dim; i++) sum += (a[aOffset + i] as number) * (b[bOffset + i] as number);
  return sum;
}

/** target += scale × source */
export function addScaled(
  target: Float32Array,
  targetOffset: number,
  source: Float32Array,
  sourceOffset: number,
  scale: number,
  dim: number,
): void {
  for (let i = 0; i < dim; i++) {
    target[targetOffset + i] = (target[targetOffset + i] as number) + scale * (source[sourceOffset + i] as number);
  }
}

export function scale(target: Float32Array, offset: number, factor: number, dim: number): void {
  for (let i = 0; i < dim; i++) target[offset + i] = (target[offset + i] as number) * factor;
}

export function norm(v: Float32Array, offset: number, dim: number): number {
  return Math.sqrt(dot(v, offset, v, offset, dim));
}

/** Scales to unit length in place; a zero vector stays zero. Returns the length it had. */
export function normalize(v: Float32Array, offset: number, dim: number): number {
  const length = norm(v, offset, dim);
  if (length > 1e-12) scale(v, offset, 1 / length, dim);
  return length;
}

/**
 * The initial vector of an embedding id, derived from the id alone: an id that has no row yet (filtered out as too
 * rare, or expired) still contributes the same vector on every node, so content shared by two videos makes them
 * similar from their first second.
 */
export function addSeededVector(key: string, target: Float32Array, offset: number, weight: number, dim: number): void {
  const random = createRandom(hashString(key, 7) ^ hashString(key, 13));
  const unit = weight / Math.sqrt(dim);
  for (let i = 0; i < dim; i += 2) {
    // Box–Muller: two Gaussian components per pair of uniforms.
    const r = Math.sqrt(-2 * Math.log(random() + 1e-12));
    const theta = 2 * Math.PI * random();
    target[offset + i] = (target[offset + i] as number) + unit * r * Math.cos(theta);
    if (i + 1 < dim) target[offset + i + 1] = (target[offset + i + 1] as number) + unit * r * Math.sin(theta);
  }
}
