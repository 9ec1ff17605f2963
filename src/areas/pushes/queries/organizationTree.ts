import type { Db } from '../../../core/db/openDatabase.ts';
import type { OrgDomain, OrgLevel } from '../../../core/generated/prisma/enums.ts';
import { groupBy } from '../../../core/util/groupBy.ts';

export interface OrgNode {
  id: number;
  name: string;
  parentId: number | null;
  level: OrgLevel;
  domain: OrgDomain;
  /** 片区 of a village branch, when the tree has them. */
  district: string | null;
}

/** The whole organisation tree in one query (a county has about a thousand rows), with lookups. */
export class OrganizationTree {
  readonly byId: Map<number, OrgNode>;

  constructor(readonly nodes: OrgNode[]) {
    this.byId = new Map(nodes.map((n) => [n.id, n]));
  }

  static async load(db: Db): Promise<OrganizationTree> {
    return new OrganizationTree(
      await db.organization.findMany({ select: { id: true, name: true, parentId: true, level: true, domain: true, district: true }, orderBy: { id: 'asc' } }),
    );
  }

  /** The top organisation above `id` (whose leading group supervises it). */
  rootOf(id: number): number {
    let node = this.byId.get(id);
    let guard = 0;
    while (node?.parentId && guard++ < 30) node = this.byId.get(node.parentId);
    return node?.id ?? id;
  }

  roots(): OrgNode[] {
    return this.nodes.filter((n) => n.parentId === null);
  }

  /** Every organisation under `rootId` (itself included). */
  descendantsOf(rootId: number): OrgNode[] {
    return this.nodes.filter((n) => this.rootOf(n.id) === rootId);
  }

  /** `id` and every organisation below it (for any node, not only a top one). */
  subtree(id: number): OrgNode[] {
    const out: OrgNode[] = [];
    const children = groupBy(
      this.nodes.filter((n) => n.parentId !== null),
      (n) => n.parentId!,
    );
    const stack = this.byId.has(id) ? [this.byId.get(id)!] : [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      out.push(node);
      stack.push(...(children.get(node.id) ?? []));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  name(id: number): string {
    return this.byId.get(id)?.name ?? `组织#${id}`;
  }
}
