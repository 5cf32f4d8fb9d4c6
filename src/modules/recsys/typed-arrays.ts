type TypedArray = Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array;

/** A copy of `array` with room for `size` elements (the new ones zero), for buffers that grow by doubling. */
export function grow<T extends TypedArray>(array: T, size: number): T {
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array as never);
  return next;
}
