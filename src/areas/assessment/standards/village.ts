import type { StandardData } from './standardSchema.ts';
import { ELIDED_CRITERION as C, ELIDED_METHOD as M } from './elided.ts';

/**
 * 村(社区)党组织创先争优活动评定标准 (seed 002, 附件1), item by item. Items whose text the source elides are
 * placeholders (editable); 工作运行机制 lists 19 of its 24 points, so a 5-point placeholder item completes it.
 */
export const villageStandard: StandardData = {
  code: 'VILLAGE-2026',
  name: '村(社区)党组织争先创优评定标准',
  domain: 'VILLAGE',
  version: '1',
  categories: [
    {
      name: '党的组织设置',
      maxPoints: 10,
      items: [
        {
          code: 'V1.1',
          name: '设置合理',
          maxPoints: 2,
          criterion:
            '组织设置合理，每年对党组织设置情况进行1次摸底，做到设置规范、调整及时。村(社区)党组织对辖区内非公经济组织和社会组织党建工作实行兜底管理，动态调整。',
          method:
            '正式党员人数超过3名、不足50名的成立党支部，党员人数超过50名、不足100名的可设立党总支，党员人数达100名以上的可设立党委。组织设置不规范不得分；未进行摸底排查扣1分；未进行兜底管理等相应措施扣1分。',
        },
        { code: 'V1.2', name: '探索创新', maxPoints: 2, criterion: C, method: M, placeholder: true },
        { code: 'V1.3', name: '纪检机构', maxPoints: 2, criterion: C, method: M, placeholder: true },
        { code: 'V1.4', name: '健全社区组织体系', maxPoints: 4, criterion: C, method: M, placeholder: true },
      ],
    },
    {
      name: '班子队伍建设',
      maxPoints: 6,
      items: [
        {
          code: 'V2.1',
          name: '班子职数',
          maxPoints: 2,
          criterion: '严格按照职数，选优配强领导班子。积极吸纳驻区单位党组织负责同志担任社区党组织委员会兼职委员。',
          method: '班子长期不健全不得分；班子健全但未吸纳驻区单位党组织负责同志担任社区党组织委员会兼职委员得1分。',
        },
        { code: 'V2.2', name: '班子任期', maxPoints: 2, criterion: C, method: M, placeholder: true },
        { code: 'V2.3', name: '自身建设', maxPoints: 2, criterion: C, method: M, placeholder: true },
      ],
    },
    {
      name: '党员教育管理',
      maxPoints: 19,
      items: [
        { code: 'V3.1', name: '发展党员工作', maxPoints: 3, criterion: C, method: M, placeholder: true },
        {
          code: 'V3.2',
          name: '党员教育培训',
          maxPoints: 3,
          criterion:
            '党员每年学习培训时间一般不少于24学时。基层党组织班子成员每年集中学习培训时间不少于24学时，至少参加1次集中培训。党员干部现代远程教育站点作用发挥充分，有1名专兼职管理员，站点设备齐全（仅限村改居社区）。',
          method:
            '党员每年集中学习培训时间不足扣1分；基层党组织班子成员每年集中学习培训时间不足扣1分，没有集中培训的扣2分；远程教育站点未配备管理员或设备不齐全扣1分。',
          autoRule: 'training:memberFloor=24,cadreFloor=24,memberDeduct=1,cadreDeduct=1,noTrainingDeduct=2,noneZero=0',
        },
        { code: 'V3.3', name: '党费缴纳管理', maxPoints: 2, criterion: C, method: M, placeholder: true, autoRule: 'dues' },
        { code: 'V3.4', name: '流动党员管理', maxPoints: 4, criterion: C, method: M, placeholder: true },
        {
          code: 'V3.5',
          name: '党内激励关怀',
          maxPoints: 3,
          criterion: '动态建立困难党员台账，经常开展关怀帮扶活动。每年开展1次党内表彰活动。',
          method: '未建立困难党员台账扣1分；未开展党内表彰活动扣1分，帮扶活动成效根据帮扶活动开展相关记录情况酌情给分。',
        },
        {
          code: 'V3.6',
          name: '管理手段创新',
          maxPoints: 4,
          criterion: '注重运用信息化手段加强党员教育管理，用好远程教育精品节目。党员信息库更新维护及时准确。',
          method: '根据日常活动及工作开展相关记录的规范性、完整性酌情给分。',
        },
      ],
    },
    {
      name: '党内组织生活',
      maxPoints: 12,
      items: [
        {
          code: 'V4.1',
          name: '三会一课',
          maxPoints: 5,
          criterion: '“三会一课”按期开展、记录规范。',
          method:
            '根据记录材料内容酌情给分，重点对活动开展频次、程序规范性等内容进行检查。（系统建议：支部党员大会每季度1次、支委会每月1次、党小组会每月1次、党课每季度1次，有一项不符合扣1分。）',
          autoRule: 'threeMeetings:perType=1',
        },
        {
          code: 'V4.2',
          name: '民主评议党员',
          maxPoints: 2,
          criterion: C,
          method: M,
          placeholder: true,
          autoRule: 'democraticReview',
        },
        { code: 'V4.3', name: '组织生活会', maxPoints: 2, criterion: C, method: M, placeholder: true, autoRule: 'lifeMeeting' },
        {
          code: 'V4.4',
          name: '党员活动日',
          maxPoints: 3,
          criterion: '每月开展党支部主题党日活动，有活动方案、计划、记录等图文资料。',
          method: '根据记录材料内容酌情给分，重点对活动开展频次、程序规范性等内容进行检查。（系统建议：记录或图片不全扣2分，未开展不得分。）',
          autoRule: 'themeDay:incompleteDeduct=2',
        },
      ],
    },
    {
      name: '场地建设管理使用',
      maxPoints: 12,
      items: [
        {
          code: 'V5.1',
          name: '建设标准',
          maxPoints: 5,
          criterion: '社区工作用房和居民公益性服务设施满足使用，城市社区建筑面积不低于500㎡。按照一室多用原则，社区功能室设置达到“18室1厅1站6栏”要求。',
          method: '社区用房不达标扣2分；社区功能室设置未达到“18室1厅1站6栏”要求扣2分；新时代“三新”大讲堂未依据“6有”标准建设，每少1项扣1分。',
        },
        { code: 'V5.2', name: '标识制度', maxPoints: 2, criterion: C, method: M, placeholder: true },
        { code: 'V5.3', name: '基本设施', maxPoints: 2, criterion: C, method: M, placeholder: true },
        {
          code: 'V5.4',
          name: '管理维护',
          maxPoints: 3,
          criterion: '活动场所产权清晰，设施设备登记清楚，管理维护制度健全，场所内外整洁卫生。',
          method: '严格按照标准执行得3分，缺少设施设备登记或登记不及时、不完整扣1分，无管理维护制度或制度不健全、执行不严格扣1分，其他情况酌情扣分。',
        },
      ],
    },
    {
      name: '为民便民服务',
      maxPoints: 14,
      items: [
        {
          code: 'V6.1',
          name: '服务体系',
          maxPoints: 6,
          criterion: '村(社区)党群服务中心建设布局合理，能够便民服务；“互联网+”“智慧党建”有效推广应用。',
          method: '上述评定项目如未落实则不得分，具体作用发挥情况结合相关记录规范性、服务群众实效性、活动开展经常性等酌情给分。',
        },
        { code: 'V6.2', name: '服务载体', maxPoints: 3, criterion: C, method: M, placeholder: true },
        { code: 'V6.3', name: '服务创新', maxPoints: 5, criterion: C, method: M, placeholder: true },
      ],
    },
    {
      name: '工作运行机制',
      maxPoints: 24,
      items: [
        {
          code: 'V7.1',
          name: '统筹协调机制',
          maxPoints: 5,
          criterion:
            '村(社区)党建联席会议制度规范科学，对辖区机关、企事业、科研机构等单位党建资源进行整合能力强，通过“共驻共建、兼职委员、双向承诺、双向评议”等方式，打造“大格局、大协调、大服务、大保障”的区域党建共同体。',
          method: '根据相关工作开展的经常性、实效性以及制度机制、活动记录等资料完整性酌情给分。',
        },
        { code: 'V7.2', name: '民主管理机制', maxPoints: 4, criterion: C, method: M, placeholder: true },
        { code: 'V7.3', name: '激励评价机制', maxPoints: 6, criterion: C, method: M, placeholder: true },
        {
          code: 'V7.4',
          name: '联系群众机制',
          maxPoints: 4,
          criterion:
            '村(社区)干部分包网格，入户走访、服务群众制度健全；民意直达渠道便捷畅通；村(社区)每个工作日至少安排1名班子成员负责接访，村(社区)“两委”班子成员做到对群众来访随访随接。',
          method: '根据相关工作落实情况及制度机制、工作记录等资料完整性、规范性情况酌情给分。',
        },
        { code: 'V7.5', name: '（原文省略的项目）', maxPoints: 5, criterion: C, method: M, placeholder: true },
      ],
    },
    {
      name: '基本经费保障',
      maxPoints: 3,
      items: [
        {
          code: 'V8.1',
          name: '党建经费',
          maxPoints: 3,
          criterion: '村(社区)党组织服务群众专项经费和办公经费落实到位，“使用范围明确、使用流程规范、监督管理到位”的经费管理制度健全完善。',
          method: '村(社区)党组织服务群众专项经费和办公经费未落实到位不得分，存在其他不明确、不规范现象酌情扣分，存在重大财务纰漏情况另行处理。',
        },
      ],
    },
  ],
};
