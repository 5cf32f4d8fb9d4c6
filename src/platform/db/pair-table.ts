import type { SqlExecutor } from './database.ts';

/**
 * A table of pairs whose row being there is the fact: a like (video, user), a follow (follower, followee), a block.
 * Adding a pair that is there, or removing one that is not, changes nothing and answers false, which is what keeps
 * counters exact when requests race. Table and column names are our own constants, never client input.
 */
export class PairTable {
  readonly #db: SqlExecutor;
  readonly #table: string;
  readonly #first: string;
  readonly #second: string;

  constructor(db: SqlExecutor, table: string, [first, second]: readonly [string, string]) {
    this.#db = db;
    this.#table = table;
    this.#first = first;
    this.#second = second;
  }

  async add(first: string, second: string): Promise<boolean> {
    const result = await this.#db.query(
      `insert into ${this.#table} (${this.#first}, ${this.#second}) values ($1, $2) on conflict do nothing`,
      [first, second],
    );
    return result.rowCount === 1;
  }

  async remove(first: string, second: string): Promise<boolean> {
    const result = await this.#db.query(
      `delete from ${this.#table} where ${this.#first} = $1 and ${this.#second} = $2 returning ${this.#first}`,
      [first, second],
    );
    return result.rowCount === 1;
  }

  async has(first: string, second: string): Promise<boolean> {
    const { rows } = await this.#db.query(
      `select 1 from ${this.#table} where ${this.#first} = $1 and ${this.#second} = $2`,
      [first, second],
    );
    return rows.length > 0;
  }
}
