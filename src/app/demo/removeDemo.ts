import type { Db } from '../../core/db/openDatabase.ts';

export interface RemovedDemo {
  organizations: number;
  members: number;
  groups: number;
  activities: number;
}

/**
 * Removes the demo organisation and everything hanging off it (members and their roles, accounts, invites,
 * records, photos' rows, points, stars, assessments, briefings, problems, tasks, programme entries, sandbox
 * groups), in one transaction: all of it or nothing. Real groups once bound to a demo organisation are unbound.
 * Stored picture files stay on disk (a file may be shared with a real photo by its hash).
 */
export async function removeDemo(db: Db): Promise<RemovedDemo> {
  return db.$transaction(
    async (tx) => {
      const orgIds = (await tx.organization.findMany({ where: { demo: true }, select: { id: true } })).map((o) => o.id);
      const memberIds = (await tx.member.findMany({ where: { organizationId: { in: orgIds } }, select: { id: true } })).map((m) => m.id);
      const activityIds = (await tx.activity.findMany({ where: { organizationId: { in: orgIds } }, select: { id: true } })).map((a) => a.id);
      const photoIds = (
        await tx.tracePhoto.findMany({ where: { OR: [{ organizationId: { in: orgIds } }, { uploaderId: { in: memberIds } }] }, select: { id: true } })
      ).map((p) => p.id);
      const byOrg = { organizationId: { in: orgIds } };
      const byMember = { memberId: { in: memberIds } };

      await tx.activityAttendee.deleteMany({ where: { OR: [byMember, { activityId: { in: activityIds } }] } });
      await tx.task.deleteMany({ where: { OR: [byOrg, { createdById: { in: memberIds } }] } });
      await tx.taskAssignment.deleteMany({ where: byOrg });
      await tx.problemEntry.deleteMany({ where: byOrg });
      await tx.problemEntry.updateMany({ where: { closingPhotoId: { in: photoIds } }, data: { closingPhotoId: null } });
      await tx.problemEntry.updateMany({ where: { closingActivityId: { in: activityIds } }, data: { closingActivityId: null } });
      await tx.tracePhoto.deleteMany({ where: { id: { in: photoIds } } });
      await tx.pointEntry.deleteMany({ where: { OR: [byMember, byOrg] } });
      await tx.memberStar.deleteMany({ where: { OR: [byMember, byOrg] } });
      await tx.branchStar.deleteMany({ where: byOrg });
      await tx.assessment.deleteMany({ where: byOrg });
      await tx.reviewOutcome.deleteMany({ where: { OR: [byMember, byOrg, { recordedById: { in: memberIds } }] } });
      await tx.briefing.deleteMany({ where: { OR: [byOrg, { authorId: { in: memberIds } }] } });
      await tx.programmeEntry.deleteMany({ where: { OR: [byOrg, { activityId: { in: activityIds } }] } });
      await tx.taskAssignment.updateMany({ where: { closedByActivityId: { in: activityIds } }, data: { closedByActivityId: null } });
      await tx.activity.deleteMany({ where: { id: { in: activityIds } } });
      await tx.pendingAction.deleteMany({ where: { OR: [byMember, { platform: 'SANDBOX' }] } });
      const groups = await tx.chatGroup.deleteMany({ where: { platform: 'SANDBOX' } });
      await tx.chatGroup.updateMany({ where: byOrg, data: { organizationId: null, purpose: null, boundById: null, boundAt: null } });
      await tx.memberRole.deleteMany({ where: { OR: [byMember, byOrg] } });
      const members = await tx.member.deleteMany({ where: { id: { in: memberIds } } });
      await tx.organization.updateMany({ where: { id: { in: orgIds } }, data: { parentId: null } });
      const organizations = await tx.organization.deleteMany({ where: { id: { in: orgIds } } });
      return { organizations: organizations.count, members: members.count, groups: groups.count, activities: activityIds.length };
    },
    { timeout: 120_000 },
  );
}

/** How much demo there is (for the start-up notice). */
export async function countDemo(db: Db): Promise<{ organizations: number; members: number }> {
  const [organizations, members] = await Promise.all([
    db.organization.count({ where: { demo: true } }),
    db.member.count({ where: { organization: { demo: true } } }),
  ]);
  return { organizations, members };
}
