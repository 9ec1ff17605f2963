import pg from 'pg';

type Query = (...args: unknown[]) => unknown;

/**
 * Counts every statement any pg client of this process sends (Prisma's adapter goes through pg.Client#query;
 * BEGIN and COMMIT count too) while `during` runs. The service under test must run in this process.
 */
export async function countStatements(during: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const prototype = pg.Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    seen.push(typeof first === 'string' ? first : String((first as { text?: string } | undefined)?.text ?? ''));
    return original.apply(this, args);
  };
  try {
    await during();
  } finally {
    prototype.query = original;
  }
  return seen;
}
