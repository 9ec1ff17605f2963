import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../core/db/openDatabase.ts';
import type { Prisma } from '../../core/generated/prisma/client.ts';
import { GLOBAL_ROLES } from '../commands/types.ts';
import type { Role } from '../../core/generated/prisma/enums.ts';

/** 31 letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). 8 of them: 8.5 × 10^11 codes. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'.split('');
export const CODE_LENGTH = 8;

/** A new code, shown as ABCD-EFGH. */
export function generateInviteCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What someone typed, as the code it means (case, dashes and spaces ignored), or null when it cannot be one. */
export function normaliseInviteCode(text: string): string | null {
  const code = text.toUpperCase().replace(/[-\s_]/g, '');
  return new RegExp(`^[${ALPHABET.join('')}]{${CODE_LENGTH}}$`).test(code) ? code : null;
}

/** Codes are stored only as this hash. */
export function hashInviteCode(code: string): string {
  return createHash('sha256')
    .update(`zhibu-invite:${normaliseInviteCode(code) ?? code}`)
    .digest('hex');
}

export function holdsCrossTreeRole(roles: { role: Role }[]): boolean {
  return roles.some((r) => GLOBAL_ROLES.includes(r.role));
}

export interface IssueInviteInput {
  memberId: number;
  issuedById: number | null;
  via: 'chat' | 'cli' | 'roster';
  /** The issuer holds 组织办, 领导小组 or 考核小组, or this is the command line. */
  crossTree: boolean;
  now: Date;
  ttlHours: number;
}

type InviteWriter = Pick<Db, 'bindInvite'> | Prisma.TransactionClient;

/** A fresh code for the member; their earlier unused codes stop working. Returns the code (shown once, never stored). */
export async function issueInvite(db: InviteWriter, input: IssueInviteInput): Promise<{ code: string; expiresAt: Date }> {
  const code = generateInviteCode();
  const expiresAt = new Date(input.now.getTime() + input.ttlHours * 3600_000);
  await db.bindInvite.updateMany({ where: { memberId: input.memberId, usedAt: null, expiresAt: { gt: input.now } }, data: { expiresAt: input.now } });
  await db.bindInvite.create({
    data: {
      memberId: input.memberId,
      codeHash: hashInviteCode(code),
      crossTree: input.crossTree,
      issuedById: input.issuedById,
      issuedVia: input.via,
      expiresAt,
    },
  });
  return { code, expiresAt };
}
