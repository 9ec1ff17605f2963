import type { MessageView } from '../../../../cards/MessageView.ts';
import { branchStarLabel, memberStarLabel, provisionalBranchStarLabel, provisionalMemberStarLabel, starDistribution } from '../../points/starRating.ts';
import { phaseLabel, provisionalNote, unratedText, type RatingPhase, type RatingRules } from '../../points/ratingPhase.ts';
import type { BranchRating, MemberRating } from '../../points/yearRating.ts';
import { formatPoints } from '../../points/pointTypes.ts';

const byScore = <T extends { stars: number; score: number; name: string }>(a: T, b: T) =>
  b.stars - a.stars || b.score - a.score || a.name.localeCompare(b.name, 'zh-CN');

/**
 * 星级党员公示 for one organisation's group. Provisional (暂定, dated): points and the star they would reach,
 * never 无星 / 不合格. Final: the year's rating; members not rated that year are listed as 未评定 with the reason.
 */
export function memberBoardView(orgName: string, rows: MemberRating[], phase: RatingPhase, rules: RatingRules): MessageView {
  const year = phase.year;
  const rated = rows.filter((r) => r.unrated === null).sort(byScore);
  const unrated = rows.filter((r) => r.unrated !== null).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const label = phase.final ? memberStarLabel : provisionalMemberStarLabel;
  return {
    kind: 'stars_members',
    title: `${year}年度星级党员公示（${phaseLabel(phase)}）· ${orgName}`,
    tone: 'info',
    lines: [
      `根据${year}年度党员积分（90 分及以上三星，80–89 二星，60–79 一星${phase.final ? '，60 分以下无星' : ''}）。`,
      phase.final
        ? `共评定 ${rated.length} 人：${starDistribution(
            rated.map((r) => r.stars),
            true,
          )}。`
        : `参评 ${rated.length} 人，按目前积分：${starDistribution(
            rated.map((r) => r.stars),
            false,
          )}。`,
    ],
    table: {
      columns: ['姓名', '积分', phase.final ? '星级' : '按目前积分可达'],
      rows: [
        ...rated.map((r) => [r.name, formatPoints(r.score), label(r.stars)]),
        ...unrated.map((r) => [r.name, formatPoints(r.score), unratedText(r.unrated!, r, year, rules)]),
      ],
    },
    note: phase.final ? '对结果有异议的，请在公示期内向支部书记或组织办反映。' : provisionalNote(phase),
  };
}

/** 星级党支部公示 for the leading group: a 党总支 is named 党总支, never 党支部. */
export function branchBoardView(rootName: string, rows: BranchRating[], unrated: { name: string }[], phase: RatingPhase): MessageView {
  const year = phase.year;
  const sorted = [...rows].sort(byScore);
  const proxies = rows.filter((r) => r.source === 'points').length;
  const label = phase.final ? branchStarLabel : provisionalBranchStarLabel;
  const notes = [
    proxies > 0 ? `其中 ${proxies} 个组织尚无年度考评定稿，暂以党员年度积分平均分（最高 100）计。` : '得分为年度考评定稿总分（积分管理 + 年终目标考核）。',
    unrated.length > 0 ? `未评定（没有考评，也没有参评党员）：${unrated.map((u) => u.name).join('、')}。` : '',
    phase.final ? '' : provisionalNote(phase),
  ].filter(Boolean);
  return {
    kind: 'stars_branches',
    title: `${year}年度星级党组织公示（${phaseLabel(phase)}）· ${rootName}`,
    tone: 'info',
    lines: [
      `${phase.final ? '共评定' : '参评'} ${rows.length} 个党组织${phase.final ? '' : '，按目前得分'}：${starDistribution(
        rows.map((r) => r.stars),
        phase.final,
      )}。`,
    ],
    table: {
      columns: ['党组织', '考评得分', phase.final ? '星级' : '按目前得分可达', '依据'],
      rows: sorted.map((r) => [r.name, formatPoints(r.score), label(r.stars, r.level, r.name), r.source === 'assessment' ? '年度考评' : '积分均值']),
    },
    note: notes.join(''),
  };
}
