import type { OrgLevel } from '../../../core/generated/prisma/enums.ts';
import type { PosterModel, StarLevel } from '../../../../cards/pictures/posterModel.ts';
import type { BranchRating, MemberRating, YearRating } from '../../points/yearRating.ts';
import type { UnratedReason } from '../../points/ratingPhase.ts';
import type { PosterSettings } from './posterSettings.ts';

const LEVEL_WORD: Record<StarLevel, string> = { 3: '三星', 2: '二星', 1: '一星', 0: '无星' };
const RULE = '年度积分 90 分及以上为三星，80–89 分为二星，60–79 分为一星';

export interface PosterContext {
  year: number;
  /** YYYY-MM-DD, the publication day in TZ_NAME. */
  date: string;
  /** The year's rating is final: RatingPhase.final (src/areas/points/ratingPhase.ts), as the text boards say. */
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

const UNRATED_LABEL: Record<UnratedReason, string> = {
  exempt: '未评定（经申请免于评定）',
  late: '未评定（年内入党或转入，当年不参评）',
  no_records: '未评定（本组织本年没有任何记录）',
};

/** Rated members, and before the year is final members of organisations with no record yet (暂未达到一星), as the text board. */
function takesPart(m: Pick<MemberRating, 'unrated'>, final: boolean): boolean {
  return m.unrated === null || (!final && m.unrated === 'no_records');
}

/**
 * A branch's 星级党员 poster from the rating rows the text board shows (rateYear). Before the year is final,
 * members under 60 are 「暂未达到一星」, never 无星 / 不合格; members not rated (exempt, joined late, no records)
 * are listed apart as 未评定 with their reason.
 */
export function memberPoster(orgName: string, members: Pick<MemberRating, 'name' | 'score' | 'stars' | 'unrated'>[], c: PosterContext): PosterModel {
  const rated = members.filter((m) => takesPart(m, c.final));
  const unrated = (['exempt', 'late', 'no_records'] as UnratedReason[])
    .map((reason) => ({
      label: UNRATED_LABEL[reason],
      names: members
        .filter((m) => !takesPart(m, c.final) && m.unrated === reason)
        .map((m) => m.name)
        .sort((a, b) => a.localeCompare(b, 'zh-CN')),
    }))
    .filter((g) => g.names.length > 0);
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
    levels: levels(rated, (s) => (s === 0 ? (c.final ? '无星（不合格党员）' : '暂未达到一星（60分以下）') : `${LEVEL_WORD[s]}党员`)),
    unrated,
  };
}

const LEVEL_NAME: Record<OrgLevel, string> = { PARTY_COMMITTEE: '党委', GENERAL_BRANCH: '党总支', BRANCH: '党支部', PARTY_GROUP: '党小组' };

/**
 * The town's 星级党支部 poster from the rating's branches (rateYear); a 党总支 / 党委 is named as one, never 党支部.
 * Branches that could not be rated (no assessment, no rated member) are listed apart as 未评定.
 */
export function branchPoster(
  rootName: string,
  rows: Pick<BranchRating, 'name' | 'level' | 'score' | 'stars' | 'source'>[],
  unrated: YearRating['unratedBranches'],
  c: PosterContext,
): PosterModel {
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
    unrated: unrated.length
      ? [
          {
            label: '未评定（无年度考评、无参评党员）',
            names: unrated
              .map((u) => (u.level !== 'BRANCH' && !u.name.endsWith(LEVEL_NAME[u.level]) ? `${u.name}（${LEVEL_NAME[u.level]}）` : u.name))
              .sort((a, b) => a.localeCompare(b, 'zh-CN')),
          },
        ]
      : [],
  };
}
