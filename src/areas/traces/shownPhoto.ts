/** The filter every view and count of 痕迹 photos uses: a picture withdrawn with /撤销 is kept but no longer shown or counted. */
export const SHOWN_PHOTO = { revokedAt: null } as const;
