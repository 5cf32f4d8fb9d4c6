/**
 * Rows of counters that fade with a half-life: `value × 2^(−Δt / halfLife)`. A row's columns share one timestamp, so
 * an update brings the whole row to `now` first. An event older than the row's timestamp (events arrive out of order)
 * adds its increment already faded, so the order of arrival does not change the result.
 */
export class DecayedCounters {
  readonly columns: number;
  readonly halfLifeMs: number;
  values: Float32Array;
  at: Float64Array;

  constructor(columns: number, halfLifeMs: number, rows = 1024) {
    this.columns = columns;
    this.halfLifeMs = halfLifeMs;
    this.values = new Float32Array(rows * columns);
    this.at = new Float64Array(rows);
  }

  ensure(rows: number): void {
    if (rows <= this.at.length) return;
    let size = this.at.length;
    while (size < rows) size *= 2;
    const values = new Float32Array(size * this.columns);
    values.set(this.values);
    const at = new Float64Array(size);
    at.set(this.at);
    this.values = values;
    this.at = at;
  }

  add(row: number, column: number, amount: number, now: number): void {
    this.ensure(row + 1);
    const base = row * this.columns;
    const last = this.at[row] as number;
    if (now > last) {
      const factor = last === 0 ? 1 : 2 ** (-(now - last) / this.halfLifeMs);
      if (factor !== 1)
        for (let c = 0; c < this.columns; c++) this.values[base + c] = (this.values[base + c] as number) * factor;
      this.at[row] = now;
      this.values[base + column] = (this.values[base + column] as number) + amount;
    } else {
      this.values[base + column] =
        (this.values[base + column] as number) + amount * 2 ** (-(last - now) / this.halfLifeMs);
    }
  }

  /** The counter's value as of `now` (never grown when `now` is before its last update). */
  get(row: number, column: number, now: number): number {
    if (row >= this.at.length) return 0;
    const value = this.values[row * this.columns + column] as number;
    if (value === 0) return 0;
    const last = this.at[row] as number;
    return now > last ? value * 2 ** (-(now - last) / this.halfLifeMs) : value;
  }

  /** The decay factor from the row's timestamp to `now`, to read several columns of one row at once. */
  factor(row: number, now: number): number {
    const last = this.at[row] as number;
    return now > last ? 2 ** (-(now - last) / this.halfLifeMs) : 1;
  }

  raw(row: number, column: number): number {
    return (this.values[row * this.columns + column] as number) ?? 0;
  }
}

/** Strings ↔ dense integers, so hot loops compare and index numbers, not strings. */
export class Vocabulary {
  readonly #index = new Map<string, number>();
  readonly names: string[];

  constructor(names: string[] = []) {
    this.names = names;
    names.forEach((name, i) => {
      this.#index.set(name, i);
    });
  }

  get size(): number {
    return this.names.length;
  }

  intern(name: string): number {
    let id = this.#index.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.#index.set(name, id);
    }
    return id;
  }

  find(name: string): number {
    return this.#index.get(name) ?? -1;
  }

  name(id: number): string {
    return this.names[id] ?? '';
  }
}
