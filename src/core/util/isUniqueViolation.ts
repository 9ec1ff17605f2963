import { Prisma } from '../generated/prisma/client.ts';

/** True for a unique-index conflict (Prisma P2002, or PostgreSQL 23505 surfacing through a driver adapter). */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2002';
  return /unique constraint|23505/i.test(error instanceof Error ? error.message : String(error));
}
