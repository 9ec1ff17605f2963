/** The months of `year` a member owes by `asOfMonth` (inclusive): from the month they joined, if that year. */
export function dueMonths(year: number, asOfMonth: number, joinedOn: string | null | undefined): number[] {
  let first = 1;
  if (joinedOn) {
    const joinYear = Number(joinedOn.slice(0, 4));
    if (joinYear > year) return [];
    if (joinYear === year) first = Number(joinedOn.slice(5, 7));
  }
  const months: number[] = [];
  for (let m = first; m <= asOfMonth; m++) months.push(m);
  return months;
}

/**
 * The last month of `year` whose dues are due on `today` (YYYY-MM-DD, local): every month of a past year,
 * the months before the current one in the current year (the current month may still be paid), none ahead.
 */
export function lastDueMonth(year: number, today: string): number {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  if (year < y) return 12;
  if (year > y) return 0;
  return m - 1;
}
