/** Rows grouped by a key: keys in the order first seen, each group's rows in their order, mapped by `value`. */
export function groupBy<T, K, V = T>(rows: Iterable<T>, key: (row: T) => K, value: (row: T) => V = (row) => row as unknown as V): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(value(row));
    else groups.set(k, [value(row)]);
  }
  return groups;
}
