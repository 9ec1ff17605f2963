import type { Db } from '../../core/db/openDatabase.ts';
import { demoGroups, demoMemberName, demoOrgs, demoPeople, demoPhone } from './demoOrganisation.ts';

export interface DemoSummary {
  organizations: number;
  members: number;
  groups: number;
  personas: number;
}

/** Loads the fictional town into an empty database, in one transaction. Does nothing if organisations exist. */
export async function seedDemo(db: Db): Promise<DemoSummary | null> {
  return seedTown(db, { demo: true });
}

/**
 * The fictional town. As the demo (`demo: true`): flagged demo, with the sandbox personas and groups. With
 * `demo: false`, the same names as ordinary organisations, without sandbox accounts: what tests of the real
 * platforms bind to (they must not use the demo, which real platforms cannot touch).
 */
export async function seedTown(db: Db, options: { demo: boolean }): Promise<DemoSummary | null> {
  const { demo } = options;
  if ((await db.organization.count()) > 0) return null;
  return db.$transaction(
    async (tx) => {
      const orgIds = new Map<string, number>();
      for (const org of demoOrgs) {
        const created = await tx.organization.create({
          data: {
            name: org.name,
            shortName: org.shortName,
            level: org.level,
            domain: org.domain,
            parentId: org.parent ? orgIds.get(org.parent)! : null,
            district: org.district ?? null,
            themeDay: org.themeDay ?? null,
            demo,
          },
        });
        orgIds.set(org.key, created.id);
      }
      let phoneIndex = 1;
      let members = 0;
      let personas = 0;
      for (const person of demoPeople) {
        const phone = demoPhone(phoneIndex++);
        const member = await tx.member.create({
          data: {
            name: person.name,
            phone,
            phoneLast4: phone.slice(-4),
            organizationId: orgIds.get(person.org)!,
            isCadre: person.isCadre ?? false,
            roles: {
              create: [
                ...person.roles.map((r) => ({ role: r.role, organizationId: orgIds.get(r.org)!, title: r.title ?? null })),
                ...(person.roles.some((r) => r.role === 'MEMBER') ? [] : [{ role: 'MEMBER' as const, organizationId: orgIds.get(person.org)! }]),
              ],
            },
          },
        });
        members++;
        if (person.persona && demo) {
          await tx.chatIdentity.create({ data: { platform: 'SANDBOX', platformUserId: person.persona, displayName: person.name, memberId: member.id } });
          personas++;
        }
      }
      let nameIndex = 1;
      for (const org of demoOrgs) {
        for (let i = 0; i < org.extraMembers; i++) {
          const phone = demoPhone(phoneIndex++);
          await tx.member.create({
            data: {
              name: demoMemberName(nameIndex++),
              phone,
              phoneLast4: phone.slice(-4),
              organizationId: orgIds.get(org.key)!,
              roles: { create: [{ role: 'MEMBER', organizationId: orgIds.get(org.key)! }] },
            },
          });
          members++;
        }
      }
      for (const group of demo ? demoGroups : []) {
        await tx.chatGroup.create({
          data: {
            platform: 'SANDBOX',
            chatId: group.chatId,
            name: group.name,
            organizationId: group.org ? orgIds.get(group.org)! : null,
            purpose: group.purpose ?? null,
            boundAt: group.org ? new Date() : null,
          },
        });
      }
      return { organizations: demoOrgs.length, members, groups: demo ? demoGroups.length : 0, personas };
    },
    { timeout: 60_000 },
  );
}
