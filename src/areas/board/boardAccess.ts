import { randomBytes } from 'node:crypto';
import type { Db } from '../../core/db/openDatabase.ts';
import type { Prisma } from '../../core/generated/prisma/client.ts';
import { readBoardToken, signBoardToken, type BoardPayload } from './boardToken.ts';

const SECRET_KEY = 'board.secret';
const EPOCH_KEY = 'board.epochs';

/**
 * The signing secret: BOARD_SECRET from the environment, else one made at random on first use and kept in the
 * Setting table, so every process of one deployment signs and checks with the same key.
 */
export async function boardSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const made = randomBytes(32).toString('base64url');
  await db.setting.createMany({ data: [{ key: SECRET_KEY, value: made }], skipDuplicates: true });
  const row = await db.setting.findUnique({ where: { key: SECRET_KEY } });
  return typeof row?.value === 'string' ? row.value : made;
}

async function epochs(db: Db): Promise<Record<string, number>> {
  const row = await db.setting.findUnique({ where: { key: EPOCH_KEY } });
  return row && typeof row.value === 'object' && row.value !== null ? (row.value as Record<string, number>) : {};
}

export async function boardEpoch(db: Db, rootId: number): Promise<number> {
  return (await epochs(db))[String(rootId)] ?? 0;
}

/** /看板 重置: every link of the tree under `rootId` issued before stops working. */
export async function revokeBoardLinks(db: Db, rootId: number): Promise<number> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('board.epochs'))`;
    const row = await tx.setting.findUnique({ where: { key: EPOCH_KEY } });
    const current = row && typeof row.value === 'object' && row.value !== null ? (row.value as Record<string, number>) : {};
    const next = { ...current, [String(rootId)]: (current[String(rootId)] ?? 0) + 1 };
    const value = next as unknown as Prisma.InputJsonValue;
    await tx.setting.upsert({ where: { key: EPOCH_KEY }, create: { key: EPOCH_KEY, value }, update: { value } });
    return next[String(rootId)]!;
  });
}

export interface BoardLinkOptions {
  db: Db;
  secret: string;
  baseUrl?: string;
  now: Date;
  days: number;
}

/** A signed, expiring link to the board (or the posters) of one organisation; `rootId` is the top of its tree. */
export async function boardLink(o: BoardLinkOptions, orgId: number, rootId: number, purpose: BoardPayload['p'] = 'board'): Promise<string> {
  const token = signBoardToken(o.secret, { o: orgId, e: Math.floor(o.now.getTime() / 1000) + o.days * 86400, v: await boardEpoch(o.db, rootId), p: purpose });
  return `${o.baseUrl?.replace(/\/$/, '') ?? ''}/board/${token}`;
}

/** The organisation a token opens, or null: bad signature, expired, revoked, or not for this use. */
export async function checkBoardToken(
  db: Db,
  secret: string,
  token: string,
  now: Date,
  rootOf: (orgId: number) => number,
  purpose: BoardPayload['p'],
): Promise<BoardPayload | null> {
  const payload = readBoardToken(secret, token);
  if (!payload) return null;
  if (payload.e * 1000 <= now.getTime()) return null;
  if (payload.p !== purpose && !(purpose === 'poster' && payload.p === 'board')) return null;
  if (payload.v !== (await boardEpoch(db, rootOf(payload.o)))) return null;
  return payload;
}
