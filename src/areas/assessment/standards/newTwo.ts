import type { StandardData } from './standardSchema.ts';
import { ELIDED_CRITERION as C, ELIDED_METHOD as M } from './elided.ts';

/** “两新”党组织争先创优活动评定标准 (seed 002, 附件3), item by item; elided text is a placeholder. */
export const newTwoStandard: StandardData = {
  code: 'NEW_TWO-2026',
  name: '“两新”党组织争先创优评定标准',
  domain: 'NEW_TWO',
  version: '1',
  categories: [
    {
      name: '党的组织设置',
      maxPoints: 20,
      items: [
        {
          code: 'N1.1',
          name: '组织覆盖',
          maxPoints: 10,
          criterion: '按要求建立党组织，达到党的组织全覆盖和党的工作全覆盖。每年对党组织设置情况进行1次摸底，做到设置规范、调整及时。',
          method: '应建未建党组织的不得分。',
        },
        {
          code: 'N1.2',
          name: '纪检机构',
          maxPoints: 5,
          criterion: '党委设立党的纪律检查委员会或纪律检查委员；党总支委员会、设委员会的党支部设纪律检查委员；不设委员会的支部，应指定专人负责纪检工作。',
          method: '未设立纪检机构、未指定专人负责纪检工作的不得分。',
        },
        { code: 'N1.3', name: '配套组织', maxPoints: 5, criterion: C, method: M, placeholder: true },
      ],
    },
    {
      name: '班子队伍建设',
      maxPoints: 15,
      items: [
        { code: 'N2.1', name: '班子职数', maxPoints: 3, criterion: C, method: M, placeholder: true },
        { code: 'N2.2', name: '班子任期', maxPoints: 2, criterion: C, method: M, placeholder: true },
        {
          code: 'N2.3',
          name: '骨干队伍',
          maxPoints: 5,
          criterion:
            '提倡从非公企业出资人、社会组织党员负责人中选拔党组织书记，选配的党组织书记符合守信念、讲奉献、重品行，懂经营、会管理、善协调、热爱党务工作和熟悉群众工作的标准。派驻党建工作指导员的“两新”组织，支持、配合指导员开展工作。',
          method: M,
          placeholder: true,
        },
        {
          code: 'N2.4',
          name: '自身建设',
          maxPoints: 5,
          criterion:
            '“两新”党组织书记每年至少参加1次集中培训，累计时间不少于3天。党组织领导班子严格贯彻党风廉洁建设各项规定，做廉洁履责的表率。（原文部分省略）',
          method: M,
          placeholder: true,
        },
      ],
    },
    {
      name: '党员教育管理',
      maxPoints: 15,
      items: [
        {
          code: 'N3.1',
          name: '发展党员工作',
          maxPoints: 5,
          criterion: '发展党员工作坚持标准、规范程序、保证质量，近3年内有发展的新党员。',
          method: M,
          placeholder: true,
        },
        {
          code: 'N3.2',
          name: '党员教育培训',
          maxPoints: 4,
          criterion:
            '突出党性教育，加强法治教育、警示教育，集中性教育扎实开展，经常性教育措施落实。党员每年集中学习培训时间，一般不少于32学时。基层党组织书记和班子成员每年集中学习培训时间不少于56学时，至少参加1次集中培训。',
          method: '党员每年集中学习培训时间少于32学时的扣2分。基层党组织书记和班子成员每年集中学习培训时间少于56学时的扣2分。全年无培训的不得分。',
          autoRule: 'training:memberFloor=32,cadreFloor=56,memberDeduct=2,cadreDeduct=2,noTrainingDeduct=0,noneZero=1',
        },
        { code: 'N3.3', name: '党员日常管理', maxPoints: 3, criterion: C, method: M, placeholder: true },
        {
          code: 'N3.4',
          name: '党员作用发挥',
          maxPoints: 3,
          criterion:
            '党员干部守信念、懂经营、善协调，在“两新”组织的生产、研发、营销、管理等各个环节都起表率作用，示范引领带动其他员工共同促进“两新”组织健康快速发展，党员先锋模范作用发挥充分。',
          method: '党员干部没有发挥表率作用的有1名扣1分，扣完为止。',
        },
      ],
    },
    {
      name: '党内组织生活',
      maxPoints: 20,
      items: [
        {
          code: 'N4.1',
          name: '三会一课',
          maxPoints: 4,
          criterion:
            '支部党员大会一般每季度召开1次，支部委员会一般每月召开1次，党小组会一般每月召开1至2次，每季度上1次党课。党委(总支)班子成员每年至少到所在支部或联系支部讲1次党课。',
          method: '党员大会、支委会、党小组会、党课有一项不符合规定的扣1分。',
          autoRule: 'threeMeetings:perType=1',
        },
        {
          code: 'N4.2',
          name: '民主评议党员',
          maxPoints: 4,
          criterion:
            '支部每年开展1次民主评议党员工作，一般安排在每年“七一”或12月份进行，能按照学习教育、自我评价、民主评议、组织考察、评先处理的程序，对党员的日常表现和作用发挥情况作出客观评议。稳妥慎重处置不合格党员。',
          method: '民主评议党员工作不符合要求的扣2分，未开展的不得分。',
          autoRule: 'democraticReview',
        },
        {
          code: 'N4.3',
          name: '组织生活会',
          maxPoints: 4,
          criterion: '（原文省略，含组织生活会、民主生活会、双重组织生活）',
          method: M,
          placeholder: true,
          autoRule: 'lifeMeeting',
        },
        {
          code: 'N4.4',
          name: '党员活动日',
          maxPoints: 4,
          criterion: '建立“主题党日”制度，每月固定1天，组织党员开展活动，活动记录规范。',
          method: '“主题党日”活动记录不全的扣2分，未组织的不得分。',
          autoRule: 'themeDay:incompleteDeduct=2',
        },
        {
          code: 'N4.5',
          name: '组织生活创新',
          maxPoints: 4,
          criterion: '紧密结合“两新”实际和党员群体特点，注重运用信息化手段，采取“微党课”、网上组织生活等形式，创新活动载体，组织生活的吸引力和实效性不断提高。',
          method: '根据组织生活的吸引力酌情给分。',
        },
      ],
    },
    {
      name: '发挥作用途径',
      maxPoints: 10,
      items: [
        {
          code: 'N5.1',
          name: '服务“两新”组织健康发展开展活动',
          maxPoints: 5,
          criterion: '党组织在企业或社会组织发展中发挥政治引领作用。通过设立党员责任区、党员示范岗、党员技术攻关小组等，示范带动职工群众，服务促进企业发展。',
          method: '根据党组织的政治核心作用发挥程度酌情给分，作用发挥不明显的不得分。',
        },
        {
          code: 'N5.2',
          name: '服务职工群众/社会组织活动',
          maxPoints: 5,
          criterion: '突出非公企业特点服务职工群众；突出社会组织特点开展组织活动。（原文部分省略）',
          method: '非公企业、社会组织结合自身特点组织活动，根据活动开展的频率、收到的成效酌情给分。',
        },
      ],
    },
    {
      name: '工作运行机制',
      maxPoints: 9,
      items: [
        { code: 'N6.1', name: '民主议事机制', maxPoints: 3, criterion: C, method: '未建立民主议事机制的不得分。', placeholder: true },
        { code: 'N6.2', name: '责任落实机制', maxPoints: 3, criterion: C, method: '未建立责任落实机制的不得分。', placeholder: true },
        {
          code: 'N6.3',
          name: '激励关怀机制',
          maxPoints: 3,
          criterion:
            '党组织班子成员联系服务党员，每年开展1次谈心谈话活动。动态建立困难党员台账，经常开展关怀帮扶活动。注重向上级党组织推荐优秀党务工作者作为“两代表一委员”以及各类评先对象人选等。',
          method: '未开展谈心谈话的扣1分。未开展困难党员帮扶活动的扣1分。',
          autoRule: 'heartTalk:deduct=1',
        },
      ],
    },
    {
      name: '基本工作保障',
      maxPoints: 11,
      items: [
        {
          code: 'N7.1',
          name: '政策保障',
          maxPoints: 3,
          criterion:
            '建立党组织书记参加或列席企业管理层重要会议等制度，把党建工作总体要求纳入公司或社会组织工作章程中。积极配合落实“两新”组织负责人评先评优、政治安排事先征求党委非公经济组织和社会组织工委意见的制度规定，如实反映相关情况。',
          method: '上述制度有一项未建立的扣1分，建立的有其他保障党建工作开展的可给1分，否则该项不得分。',
        },
        { code: 'N7.2', name: '场所保障', maxPoints: 5, criterion: C, method: M, placeholder: true },
        {
          code: 'N7.3',
          name: '经费保障',
          maxPoints: 3,
          criterion:
            '党组织工作经费纳入“两新”组织管理费用，按照不低于企业年度工资总额的1%比例安排党建工作经费，并纳入企业管理费用税前列支。拨返的党费、各级财政支持的经费应按有关规定规范使用，建立落实经费管理使用情况年度报告、公示制度，确保专款专用。党务人员享受其他同级别同等员工各项工资福利及晋升待遇。',
          method: '根据党建经费保障程度酌情给分，没有党建经费的不得分。',
        },
      ],
    },
  ],
};
