/**
 * How a leading group sees many branches at once (domain.md §1): by 片区 where branches carry one, else by the
 * 党总支 above them, else by the organisation above them when that is not the top (a county's towns); a small tree
 * is shown branch by branch. /未交, the digest charts and the live board all group this way.
 */
export interface GroupableOrg {
  id: number;
  name: string;
  parentId: number | null;
  level: string;
  district: string | null;
}

export interface BranchGroup {
  /** 片区, 党总支 or 党委 (the kind of the groups), or 党支部 when branches are shown one by one. */
  label: string;
  /** Group name of each branch id. */
  groupOf: Map<number, string>;
  /** Group names in a stable order (as they first appear in id order). */
  names: string[];
  /** Few branches: charts show them one by one (ordered by group), not the groups. */
  oneByOne: boolean;
}

export function groupBranches(branches: GroupableOrg[], byId: ReadonlyMap<number, GroupableOrg>, rootId: number, oneByOneUpTo = 30): BranchGroup {
  const sorted = [...branches].sort((a, b) => a.id - b.id);
  const parentOf = (b: GroupableOrg) => (b.parentId !== null ? byId.get(b.parentId) : undefined);
  const oneByOne = sorted.length <= oneByOneUpTo;
  const pick = (label: string, key: (b: GroupableOrg) => string | null): BranchGroup | null => {
    const groupOf = new Map<number, string>();
    for (const b of sorted) {
      const k = key(b);
      if (k) groupOf.set(b.id, k);
    }
    if (groupOf.size === 0) return null;
    for (const b of sorted) if (!groupOf.has(b.id)) groupOf.set(b.id, '直属党组织');
    return { label, groupOf, names: [...new Set(sorted.map((b) => groupOf.get(b.id)!))], oneByOne };
  };
  const underGeneral = (b: GroupableOrg) => {
    const p = parentOf(b);
    return p && p.level === 'GENERAL_BRANCH' ? p.name : null;
  };
  const underCommittee = (b: GroupableOrg) => {
    const p = parentOf(b);
    return p && p.id !== rootId && p.level === 'PARTY_COMMITTEE' ? p.name : null;
  };
  return (
    pick('片区', (b) => b.district) ??
    pick('党总支', underGeneral) ??
    pick('党委', underCommittee) ?? { label: '党支部', groupOf: new Map(sorted.map((b) => [b.id, b.name])), names: sorted.map((b) => b.name), oneByOne: true }
  );
}
