import type { Role } from '../../core/generated/prisma/enums.ts';

/** Who may file a 简报 for an organisation (and see, and add attachments to, that organisation's 简报). */
export const BRIEFING_ROLES: readonly Role[] = ['SECRETARY', 'ORG_COMMITTEE', 'LIAISON'];
