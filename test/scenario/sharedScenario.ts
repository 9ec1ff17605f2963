import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Db } from '../../src/core/db/openDatabase.ts';
import { fixedClock } from '../../src/core/time/clock.ts';
import { makePng } from '../support/makeImages.ts';
import { issueInvite } from '../../src/engine/identity/bindInvites.ts';

/**
 * One conversation, run on every platform (sandbox, Feishu fake, wechaty mock, OneBot fake, DingTalk fake) from this table.
 * Every platform must give the same replies: each platform's test compares its transcript with the same file
 * (`sharedScenario.transcript.txt`), so a platform that answers differently fails.
 *
 * To add a step: append a row. `{邀请码:姓名}` in `say` becomes a fresh one-time invite code for that member (as
 * `npm run invite:issue` or /邀请 would give); `@姓名` of a scenario
 * person becomes that platform's own mention of that person's chat account (see `splitMentions`). After changing
 * the table, run one platform's test with `-u` to rewrite the transcript, read it, then run the others unchanged.
 */
export type ScenarioActor = 'admin' | 'secretary' | 'liaison';

export interface ScenarioStep {
  who: ScenarioActor;
  /** The text (a command, or a picture's caption; empty for a picture alone). */
  say: string;
  /** Sends `scenarioPhoto` with the message, as the platform sends a picture. */
  photo?: boolean;
  /** Pieces each reply text must contain (all replies joined). */
  expect: string[];
  /** How many replies the bot sends (default 1). */
  replies?: number;
}

/** The demo members who play each part; each platform gives them fresh, unbound chat accounts. */
export const scenarioPeople: Record<ScenarioActor, string> = {
  admin: '郑晓明',
  secretary: '李春生',
  liaison: '王小燕',
};

/** The organisation the scenario's new group is bound to. */
export const scenarioOrganisation = '东湾村党支部';

/**
 * Every platform runs with this clock (Friday 20 November 2026, 12:00 in Asia/Shanghai), so the dates in the
 * answers (record date, this month's progress, photo dates) are the same on every platform and every run.
 */
export const scenarioNow = '2026-11-20T04:00:00Z';
export const scenarioClock = () => fixedClock(scenarioNow);

/** The 痕迹 picture the liaison posts: a real PNG, made in code. */
export const scenarioPhoto: Buffer = makePng({ width: 8, height: 6, seed: 51 });
export const scenarioPhotoName = 'zhutidangri.png';

const record = [
  '/会议记录',
  '类型：主题党日',
  '日期：11月18日',
  '主题：学习贯彻党的二十届四中全会精神',
  // 王小燕 by the platform's own mention of her chat account, the other two by name.
  '参加人员：@王小燕 李春生 赵大勇',
  '摘要：重温入党誓词，集中学习全会公报。',
].join('\n');

export const sharedScenario: ScenarioStep[] = [
  { who: 'admin', say: '/绑定 郑晓明 {邀请码:郑晓明}', expect: ['绑定成功', '郑晓明'] },
  { who: 'admin', say: `/绑定群 ${scenarioOrganisation}`, expect: ['群已绑定', scenarioOrganisation] },
  { who: 'secretary', say: '/我的', expect: ['先绑定身份'] },
  { who: 'secretary', say: '/绑定 李春生 {邀请码:李春生}', expect: ['绑定成功', '李春生'] },
  { who: 'secretary', say: '/我的', expect: ['我的信息 · 李春生', '东湾村党支部', '书记'] },
  { who: 'liaison', say: '/绑定 王小燕 {邀请码:王小燕}', expect: ['绑定成功'] },
  { who: 'liaison', say: '/我的', expect: ['我的信息 · 王小燕', '联络员'] },
  { who: 'liaison', say: '/帮助', expect: ['王小燕', '/我的', '/学习心得'] },
  { who: 'secretary', say: '/帮助 我的', expect: ['指令：/我的'] },
  { who: 'secretary', say: record, expect: ['会议记录已登记', '主题党日', '11月18日', '实到 3 人', '3 人 × 3 分'] },
  { who: 'liaison', say: '', photo: true, expect: ['📷', '东湾村党支部的痕迹', '11月18日主题党日'] },
  { who: 'liaison', say: '/积分', expect: ['王小燕', '参加主题党日', '3'] },
  { who: 'secretary', say: '/进度', expect: ['主题党日', '11月18日'] },
  { who: 'secretary', say: '/痕迹', expect: ['11月', '主题党日', '1 张'] },
];

/**
 * Platforms that run this table (docs/scenario.md): sandboxScenario.test.ts, larkScenario.test.ts, wechatyScenario.test.ts,
 * oneBotScenario.test.ts, dingTalkScenario.test.ts. A driver says one message as an actor in the scenario group and returns the texts of the
 * bot's replies, with only these platform differences taken away (each driver says which it needs and why):
 * - a long reply that WeChat or QQ cut into pieces at line breaks (splitForChat) is joined back with "\n";
 * - a QQ reply's quote segment (`reply`) is not text;
 * - a Feishu card is read back as the text it shows (larkCardText.ts);
 * - a DingTalk markdown message or card is read back as the text it shows (dingTalkText.ts).
 * Everything else must be equal, character for character.
 */
export interface ScenarioDriver {
  platform: string;
  say(who: ScenarioActor, message: { text: string; photo?: Buffer }, replies: number): Promise<string[]>;
}

export type MessagePiece = { text: string } | { mention: ScenarioActor };

/**
 * The text cut at each `@姓名` of a scenario person (`@王小燕`), so a driver can put its platform's mention there
 * (Feishu `@_user_N` with the open_id, a wechaty mentionList contact, a OneBot `at` segment; the sandbox keeps
 * `@姓名`, which is how its chat window mentions). The space after the name is part of the mention.
 */
export function splitMentions(text: string): MessagePiece[] {
  const byName = new Map(Object.entries(scenarioPeople).map(([actor, name]) => [name, actor as ScenarioActor]));
  const pattern = new RegExp(`@(${[...byName.keys()].join('|')}) ?`, 'gu');
  const pieces: MessagePiece[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) pieces.push({ text: text.slice(last, match.index) });
    pieces.push({ mention: byName.get(match[1]!)! });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}

/**
 * WeChat (1200 characters) and QQ (1500) cut a long text into several chat messages at line breaks
 * (bots/shared/splitForChat.ts); put the pieces of one answer back together. Only for a step expecting one answer,
 * where every message the bot sent belongs to it.
 */
export function joinSplitPieces(lines: string[], replies: number): string[] {
  if (lines.length <= replies) return lines;
  if (replies !== 1) throw new Error(`expected ${replies} replies, got ${lines.length} messages: cannot tell which pieces belong together`);
  return [lines.join('\n')];
}

async function fillIn(db: Db, text: string): Promise<string> {
  let out = text;
  for (const match of text.matchAll(/\{邀请码:([^}]+)\}/gu)) {
    const member = await db.member.findFirstOrThrow({ where: { name: match[1]! } });
    const { code } = await issueInvite(db, { memberId: member.id, issuedById: null, via: 'cli', crossTree: true, now: new Date(), ttlHours: 72 });
    out = out.replace(match[0], code);
  }
  return out;
}

/** Platform details that may differ without changing the answer (trailing spaces, \r). */
export function normaliseReply(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/[ \t]+$/gmu, '')
    .trim();
}

/** Runs the table through a driver, checks each step, returns the transcript to compare across platforms. */
export async function runSharedScenario(driver: ScenarioDriver, db: Db): Promise<string> {
  // Same start everywhere: the demo binds some of these people to sandbox personas; the scenario binds them afresh.
  await db.chatIdentity.deleteMany({ where: { member: { name: { in: Object.values(scenarioPeople) } } } });
  // The demo gives 东湾村 a 支部群 already (the sandbox's); the scenario's group is to be its only one everywhere.
  await db.chatGroup.updateMany({ where: { organization: { name: scenarioOrganisation }, purpose: 'BRANCH' }, data: { organizationId: null, purpose: null } });
  const transcript: string[] = [];
  for (const [index, step] of sharedScenario.entries()) {
    const text = await fillIn(db, step.say);
    const message = { text, ...(step.photo ? { photo: scenarioPhoto } : {}) };
    const replies = (await driver.say(step.who, message, step.replies ?? 1)).map(normaliseReply);
    const joined = replies.join('\n');
    for (const piece of step.expect) {
      expect(joined, `${driver.platform} step ${index + 1} (${step.who}: ${step.say})`).toContain(piece);
    }
    expect(replies, `${driver.platform} step ${index + 1} reply count`).toHaveLength(step.replies ?? 1);
    const said = step.photo ? `[图片 ${scenarioPhotoName}]${step.say ? ` ${step.say}` : ''}` : step.say;
    transcript.push(`## ${index + 1}. ${step.who}: ${said.replace(/\n/g, '\n   ')}`, ...replies, '');
  }
  await checkStored(db, driver.platform);
  return transcript.join('\n');
}

/** What the conversation must have left in the database, the same on every platform. */
async function checkStored(db: Db, platform: string): Promise<void> {
  const records = await db.activity.findMany({
    where: { organization: { name: scenarioOrganisation }, type: 'THEME_DAY', status: 'ACTIVE' },
    include: { attendees: { include: { member: true } } },
  });
  expect(records, `${platform}: one 主题党日 record`).toHaveLength(1);
  const themeDay = records[0]!;
  // Made at the service clock's now (photo linking compares the two), not at the machine's time.
  expect(themeDay.createdAt.toISOString(), `${platform}: record time from the clock`).toBe(new Date(scenarioNow).toISOString());
  expect(themeDay.attendees.map((a) => a.member.name).sort(), `${platform}: attendees`).toEqual(['李春生', '王小燕', '赵大勇'].sort());
  const sha256 = createHash('sha256').update(scenarioPhoto).digest('hex');
  const photos = await db.tracePhoto.findMany({ where: { file: { sha256 } }, include: { file: true, uploader: true } });
  expect(photos, `${platform}: the photo stored once as 痕迹`).toHaveLength(1);
  expect(photos[0]!.activityId, `${platform}: the photo linked to the 主题党日 record`).toBe(themeDay.id);
  expect(photos[0]!.uploader.name).toBe(scenarioPeople.liaison);
  const points = await db.pointEntry.findMany({ where: { sourceType: 'ACTIVITY', sourceId: themeDay.id }, include: { member: true } });
  expect(points.map((p) => `${p.member.name}:${p.points}`).sort(), `${platform}: attendance points`).toEqual(['李春生:3', '王小燕:3', '赵大勇:3'].sort());
}
