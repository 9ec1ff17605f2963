/** The eight "百" programmes of the 181工程 (seed 003, domain.md §8): each a counter against a target. */
export interface ProgrammeSeed {
  code: string;
  name: string;
  /** Short words people type in /项目 登记. */
  aliases: string[];
  target: number;
  unit: string;
}

export const programmeCatalogue: ProgrammeSeed[] = [
  { code: 'B100-01', name: '百名年轻机关干部一线大派驻', aliases: ['干部下派', '大派驻', '下一线'], target: 100, unit: '名' },
  { code: 'B100-02', name: '百名党代表大巡访', aliases: ['党代表巡访', '大巡访'], target: 100, unit: '名' },
  { code: 'B100-03', name: '百场讲学拉练大培训', aliases: ['讲学', '大培训', '讲学拉练'], target: 100, unit: '场' },
  { code: 'B100-04', name: '百个创新创业人才团队大引进', aliases: ['人才团队', '人才引进'], target: 100, unit: '个' },
  { code: 'B100-05', name: '百个基层党建品牌大创建', aliases: ['党建品牌', '品牌创建'], target: 100, unit: '个' },
  { code: 'B100-06', name: '百支党员志愿者队伍大服务', aliases: ['志愿者队伍', '志愿服务'], target: 100, unit: '支' },
  { code: 'B100-07', name: '百名非公企业党建指导员促转型', aliases: ['党建指导员', '指导员'], target: 100, unit: '名' },
  { code: 'B100-08', name: '百名农村党员和大学生村官创新业', aliases: ['党员创业', '村官创业', '创新业'], target: 100, unit: '个' },
];
