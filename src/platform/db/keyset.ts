/** Where a page of a list ordered by (time, id) ends: the last row's time as PostgreSQL prints it, and its id. */
export interface KeysetPosition {
  at: string;
  id: string;
}

/**
 * The end of a query paged by (time, id): the rows past the position in the list's order, ordered, limited. The
 * position's time and id and the limit are parameters `$first`, `$first + 1` and `$first + 2`: see `keysetParams`.
 */
export function keysetTail(
  order: 'newest first' | 'oldest first',
  first: number,
  columns = { at: 'created_at', id: 'id' },
) {
  const [past, direction] = order === 'newest first' ? ['<', ' desc'] : ['>', ''];
  const { at, id } = columns;
  return `($${first}::timestamptz is null or (${at}, ${id}) ${past} ($${first}::timestamptz, $${first + 1}::uuid))
       order by ${at}${direction}, ${id}${direction} limit $${first + 2}`;
}

/** The parameters `keysetTail` reads: no position starts at the top. */
export function keysetParams(after: KeysetPosition | null, limit: number): [string | null, string | null, number] {
  return [after?.at ?? null, after?.id ?? null, limit];
}
