import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePlanFile, PlanFileError } from '../../../src/areas/tasks/planFile.ts';
import { loadPlan } from '../../../src/areas/tasks/loadPlan.ts';
import { startHarness, type Harness } from '../pushes/scheduleHarness.ts';

describe('plan files', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('loads the documented five-phase plan once, however often it is loaded', async () => {
    const path = resolve(import.meta.dirname, '../../../docs/plans/jiceng-zuzhi-jianshe-nian.yaml');
    const plan = parsePlanFile(readFileSync(path, 'utf8'), path);
    expect(plan.tasks).toHaveLength(7);
    const first = await loadPlan(h.db, plan, 'Asia/Shanghai', 'demo');
    expect(first.created).toHaveLength(7);
    expect(first.created[0]!.assignments).toBe(7);
    const again = await loadPlan(h.db, plan, 'Asia/Shanghai', 'demo');
    expect(again.created).toHaveLength(0);
    expect(await h.db.task.count({ where: { planName: '2027年基层组织建设年' } })).toBe(7);
    const meeting = await h.db.task.findFirstOrThrow({ where: { title: '召开动员部署党员大会' } });
    expect(meeting).toMatchObject({ kind: 'HOLD_ACTIVITY', activityType: 'PARTY_CONGRESS', phase: '第一阶段 制定方案、动员部署' });
  });

  it('accepts JSON with one organisation or a domain as owner', async () => {
    const plan = parsePlanFile(
      JSON.stringify({
        name: '两新专项',
        tasks: [
          { title: '报送党建指导员名单', deadline: '2027-01-15', owner: { domain: '两新' } },
          { title: '东湾村整改', deadline: '2027-01-20', owner: { organization: '东湾村党支部' } },
        ],
      }),
      'x.json',
    );
    const loaded = await loadPlan(h.db, plan, 'Asia/Shanghai', 'demo');
    expect(loaded.created.map((c) => c.assignments)).toEqual([2, 1]);
  });

  it('names every problem of a bad file in Chinese and creates nothing', async () => {
    const bad =
      'name: 坏方案\ntasks:\n  - title: 甲\n    deadline: 2027-02-30\n    kind: 吃饭\n  - title: 乙\n    deadline: 2027-03-01\n    owner: { domain: 火星 }\n';
    let error: unknown;
    try {
      parsePlanFile(bad, 'bad.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanFileError);
    const problems = (error as PlanFileError).problems.join('\n');
    expect(problems).toContain('tasks.0.deadline：应是 YYYY-MM-DD 格式的有效日期');
    expect(problems).toContain('不认识的类型「吃饭」');
    expect(problems).toContain('不认识的领域「火星」');
    const missingOrg = parsePlanFile('name: 甲\ntasks:\n  - title: 甲\n    deadline: 2027-02-01\n    owner: { organization: 火星村 }\n', 'y.yaml');
    await expect(loadPlan(h.db, missingOrg, 'Asia/Shanghai', 'demo')).rejects.toThrow('组织「火星村」没有找到');
    expect(await h.db.task.count({ where: { planName: '甲' } })).toBe(0);
  });
});
