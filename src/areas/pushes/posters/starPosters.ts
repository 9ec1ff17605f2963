import type { OrgLevel } from '../../../core/generated/prisma/enums.ts';
import type { PosterModel } from '../../../../cards/pictures/posterModel.ts';
import type { StarLevel } from '../../../../cards/kinds/starBoardCard.ts';
import type { BranchStarRow, MemberStarRow } from '../stars/computeStars.ts';
import type { PosterSettings } from './posterSettings.ts';

const LEVEL_WORD: Record<StarLevel, string> = { 3: '三星', 2: '二星', 1: '一星', 0: '无星' };
const RULE = '年度积分 90 分及以上为三星，80–89 分为二星，60–79 分为一星';

export interface PosterContext {
  year: number;
  /** YYYY-MM-DD, the publication day in TZ_NAME. */
  date: string;
  /** The year's rating is final (src/areas/points/ratingIsFinal.ts). */
  final: boolean;
  settings: PosterSettings;
  /** The top organisation, for the default signature. */
  rootName: string;
}

/** Highest stars first, then the higher score, then the name in pinyin order (the order the text boards use). */
function ordered<T extends { stars: number; score: number; name: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => b.stars - a.stars || b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'));
}

function levels<T extends { stars: number; score: number; name: string }>(rows: T[], heading: (s: StarLevel) => string, note?: (row: T) => string | undefined) {
  return ([3, 2, 1, 0] as StarLevel[])
    .map((stars) => ({
      stars,
      heading: heading(stars),
      entries: ordered(rows.filter((r) => r.stars === stars)).map((r) => {
        const n = note?.(r);
        return { name: r.name, score: r.score, ...(n ? { note: n } : {}) };
      }),
    }))
    .filter((l) => l.entries.length > 0 || l.stars > 0);
}

/**
 * A branch's 星级党员 poster from the rows the text board shows (computeMemberStars). Before the year is final,
 * members under 60 are 「暂未达到一星」, never 无星 / 不合格; exempt members are 未评定 (经申请免于评定).
 */
export function memberPoster(orgName: string, rows: MemberStarRow[], exemptNames: string[], c: PosterContext): PosterModel {
  return {
    subject: '党员',
    title: `${c.year}年度${c.settings.memberTitle}`,
    organisation: orgName,
    year: c.year,
    date: c.date,
    provisional: !c.final,
    publicityDays: c.settings.publicityDays,
    contact: c.settings.contact,
    footer: c.settings.footer || `${c.rootName}组织办`,
    rule: `${RULE}${c.final ? '，60 分以下为无星（不合格党员）' : ''}。`,
    levels: levels(rows, (s) => (s === 0 ? (c.final ? '无星（不合格党员）' : '暂未达到一星（60分以下）') : `${LEVEL_WORD[s]}党员`)),
    unrated: [{ label: '未评定（经申请免于评定）', names: [...exemptNames].sort((a, b) => a.localeCompare(b, 'zh-CN')) }],
  };
}

const LEVEL_NAME: Record<OrgLevel, string> = { PARTY_COMMITTEE: '党委', GENERAL_BRANCH: '党总支', BRANCH: '党支部', PARTY_GROUP: '党小组' };

/** The town's 星级党支部 poster from the rows of computeBranchStars; a 党总支 is named as one, never 党支部. */
export function branchPoster(rootName: string, rows: (BranchStarRow & { name: string; level: OrgLevel })[], c: PosterContext): PosterModel {
  const word = rows.every((r) => r.level === 'BRANCH') ? '党支部' : '党组织';
  return {
    subject: '党支部',
    title: `${c.year}年度${c.settings.branchTitle}`,
    organisation: rootName,
    year: c.year,
    date: c.date,
    provisional: !c.final,
    publicityDays: c.settings.publicityDays,
    contact: c.settings.contact,
    footer: c.settings.footer || `${rootName}组织办`,
    rule: `考评得分 90 分及以上为三星，80–89 分为二星，60–79 分为一星${c.final ? '，60 分以下为无星' : ''}。`,
    levels: levels(
      rows,
      (s) => (s === 0 ? (c.final ? `无星${word}` : '暂未达到一星（60分以下）') : `${LEVEL_WORD[s]}${word}`),
      (r) => [r.level !== 'BRANCH' ? LEVEL_NAME[r.level] : '', r.source === 'points' ? '积分均值' : ''].filter(Boolean).join(' ') || undefined,
    ),
    unrated: [],
  };
}
