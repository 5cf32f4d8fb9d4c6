/**
 * Large binary values cross the store as base64 text: PGlite turns a `bytea` parameter into hex one byte at a time
 * (an 8 MB snapshot took seconds of the only thread), while a string parameter is copied at once. In SQL, write the
 * parameter as `decode($n, 'base64')` and read the column as `encode(column, 'base64')`.
 */
export function base64Param(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

/** A column read with `encode(column, 'base64')` (PostgreSQL breaks the text into lines; Node skips the breaks). */
export function fromBase64Column(text: string): Buffer {
  return Buffer.from(text, 'base64');
}
