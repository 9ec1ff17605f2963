/** The filter every view, count and link of 简报 attachments uses: one withdrawn with /撤销 is kept but no longer shown. */
export const SHOWN_ATTACHMENT = { revokedAt: null } as const;
