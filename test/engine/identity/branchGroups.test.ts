import { describe, expect, it } from 'vitest';
import { groupBranches, type GroupableOrg } from '../../../src/engine/identity/branchGroups.ts';

const town: GroupableOrg = { id: 1, name: '青禾镇党委', parentId: null, level: 'PARTY_COMMITTEE', district: null };
const general: GroupableOrg = { id: 2, name: '西岭村党总支', parentId: 1, level: 'GENERAL_BRANCH', district: null };
const b = (id: number, parentId: number, district: string | null): GroupableOrg => ({ id, name: `支部${id}`, parentId, level: 'BRANCH', district });

describe('groupBranches', () => {
  it('groups by 片区 when branches carry one, keeping the ones without under 直属党组织', () => {
    const branches = [b(3, 1, '东片区'), b(4, 1, '西片区'), b(5, 1, null), b(6, 1, '东片区')];
    const g = groupBranches(branches, new Map([town, ...branches].map((o) => [o.id, o])), 1, 2);
    expect(g.label).toBe('片区');
    expect(g.names).toEqual(['东片区', '西片区', '直属党组织']);
    expect(g.groupOf.get(6)).toBe('东片区');
    expect(g.oneByOne).toBe(false);
  });

  it('groups by 党总支 without 片区, and says one by one for a small tree', () => {
    const branches = [b(3, 2, null), b(4, 2, null), b(5, 1, null)];
    const g = groupBranches(branches, new Map([town, general, ...branches].map((o) => [o.id, o])), 1);
    expect(g.label).toBe('党总支');
    expect(g.groupOf.get(3)).toBe('西岭村党总支');
    expect(g.groupOf.get(5)).toBe('直属党组织');
    expect(g.oneByOne).toBe(true);
  });
});
