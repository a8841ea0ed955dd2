/**
 * The one row of a query that always answers with exactly one (COUNT or SUM without GROUP BY).
 * Anything else is a broken query, not an empty result: it fails here, by name.
 */
export function onlyRow<T>(rows: readonly T[], query: string): T {
  const [row] = rows;
  if (row === undefined || rows.length !== 1)
    throw new Error(`${query}: expected one row, the database answered ${rows.length}`);
  return row;
}
