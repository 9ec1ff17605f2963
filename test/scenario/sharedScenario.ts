import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import PDFDocument from 'pdfkit';
import { expect } from 'vitest';
import type { Db } from '../../src/core/db/openDatabase.ts';
import { fixedClock } from '../../src/core/time/clock.ts';
import { SHEETS } from '../../src/areas/ledgers/buildLedgerWorkbook.ts';
import { makePng } from '../support/makeImages.ts';
import { rosterWorkbook } from '../areas/roster/rosterWorkbook.ts';
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

/** A file in the chat, either way: what a person sends, or what the bot put into the chat. */
export interface ScenarioFile {
  name: string;
  bytes: Buffer;
}

export interface ScenarioStep {
  who: ScenarioActor;
  /** The text (a command, or a picture's caption; empty for a picture or a file alone). */
  say: string;
  /** Sends `scenarioPhoto` with the message, as the platform sends a picture. */
  photo?: boolean;
  /** Sends this file as a message of its own (`say` empty), as the platform sends a file. */
  file?: ScenarioFile;
  /** Pieces each reply text must contain (all replies joined). */
  expect: string[];
  /** How many replies the bot sends (default 1). */
  replies?: number;
  /** The bot also puts one file into the chat, named like this (its bytes are checked in `checkFile`). */
  expectFile?: RegExp;
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

/** The address every driver gives the service (PUBLIC_BASE_URL), so an export's link reads the same everywhere. */
export const scenarioPublicBaseUrl = 'https://zhibu.example.cn';

/**
 * 东湾村党支部 as the 组织办 keeps it in a spreadsheet: the town's members (src/app/demo/demoOrganisation.ts, the
 * same on every platform) with their phones, roles and 班子成员, before this scenario changes anything.
 */
const dongwanRoster: string[][] = [
  ['东湾村党支部', '李春生', '19900000005', '书记', '是'],
  ['东湾村党支部', '陈秀英', '19900000006', '组织委员', '是'],
  ['东湾村党支部', '王小燕', '19900000007', '联络员', '否'],
  ['东湾村党支部', '赵大勇', '19900000008', '党员', '否'],
  ['东湾村党支部', '黄桂英', '19900000018', '党员', '否'],
  ['东湾村党支部', '胡永刚', '19900000019', '党员', '否'],
  ['东湾村党支部', '梁振华', '19900000020', '党员', '否'],
  ['东湾村党支部', '邓雪梅', '19900000021', '党员', '否'],
  ['东湾村党支部', '袁秀兰', '19900000022', '党员', '否'],
  ['东湾村党支部', '程海燕', '19900000023', '党员', '否'],
  ['东湾村党支部', '姚丽娟', '19900000024', '党员', '否'],
  ['东湾村党支部', '汪美玲', '19900000025', '党员', '否'],
  ['东湾村党支部', '韦国庆', '19900000026', '党员', '否'],
];

/** What the two roster files change, checked in the database afterwards (checkStored). */
export const rosterChanges = {
  /** A new member joins 东湾村党支部 (.xlsx). */
  joined: { name: '孙雨桐', phone: '19900000901' },
  /** An existing member is elected 宣传委员 and joins the 班子 (.xlsx). */
  elected: { name: '赵大勇', title: '宣传委员' },
  /** An existing member goes to work in the city and becomes a 流动党员 (.csv). */
  floating: { name: '黄桂英' },
};

const withChanges = (rows: string[][]) =>
  [...rows, ['东湾村党支部', rosterChanges.joined.name, rosterChanges.joined.phone, '党员', '否']].map((row) =>
    row[1] === rosterChanges.elected.name ? [row[0]!, row[1], row[2]!, rosterChanges.elected.title, '是'] : row,
  );

/** The roster after the branch's autumn changes, as an .xlsx built in code (what Excel or WPS saves). */
export const scenarioRosterXlsx: ScenarioFile = { name: '东湾村党支部名册.xlsx', bytes: await rosterWorkbook(withChanges(dongwanRoster)) };

/**
 * The same roster a week on, with a 状态 column and one more change, saved as CSV by Excel in China: GBK bytes
 * (not valid UTF-8), CRLF line ends.
 */
export const scenarioRosterCsv: ScenarioFile = {
  name: '东湾村党支部名册.csv',
  bytes: iconv.encode(
    [
      ['组织', '姓名', '手机', '角色', '班子成员', '状态'],
      ...withChanges(dongwanRoster).map((row) => [...row, row[1] === rosterChanges.floating.name ? '流动党员' : '正常']),
    ]
      .map((row) => row.join(','))
      .join('\r\n') + '\r\n',
    'gbk',
  ),
};

/** A real PDF (the roster printed for the notice board), the wrong file a busy 组织办 might send first. */
export const scenarioRosterPdf: ScenarioFile = {
  name: '东湾村党支部名册.pdf',
  bytes: await makePdf('Dongwan village Party branch roster, printed for the notice board'),
};

async function makePdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'roster' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The content type each platform's fake serves a scenario file with. */
export function scenarioFileType(name: string): string {
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.pdf')) return 'application/pdf';
  throw new Error(`no content type for ${name}`);
}

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
  // The roster goes in as a file of its own after the command (only the sandbox could carry both in one message).
  { who: 'admin', say: '/导入 名册', expect: ['请发送名册文件', '30 分钟内'] },
  { who: 'admin', say: '', file: scenarioRosterPdf, expect: ['只支持 .xlsx 或 .csv 文件', scenarioRosterPdf.name] },
  { who: 'admin', say: '', file: scenarioRosterXlsx, expect: ['名册已导入', scenarioRosterXlsx.name, '新增党员 1 名', '更新党员 1 名'] },
  { who: 'admin', say: '/导入 名册', expect: ['请发送名册文件'] },
  { who: 'admin', say: '', file: scenarioRosterCsv, expect: ['名册已导入', scenarioRosterCsv.name, '新增党员 0 名', '更新党员 1 名'] },
  {
    who: 'secretary',
    say: '/导出 台账',
    expect: ['已导出：东湾村党支部-2026年党建台账.xlsx', `下载链接（7 天内有效）：${scenarioPublicBaseUrl}/files/`],
    expectFile: /^东湾村党支部-2026年党建台账\.xlsx$/u,
  },
];

/**
 * Platforms that run this table (docs/scenario.md): sandboxScenario.test.ts, larkScenario.test.ts, wechatyScenario.test.ts,
 * oneBotScenario.test.ts, dingTalkScenario.test.ts. A driver says one message as an actor in the scenario group and returns the texts of the
 * bot's replies and the files it put into the chat (name and bytes, from the platform's fake: the sandbox reply, the
 * Feishu im.file.create upload, the WeChat FileBox, the QQ upload_group_file, the DingTalk media/upload), with only
 * these platform differences taken away (each driver says which it needs and why):
 * - a long reply that WeChat or QQ cut into pieces at line breaks (splitForChat) is joined back with "\n";
 * - a QQ reply's quote segment (`reply`) is not text;
 * - a Feishu card is read back as the text it shows (larkCardText.ts);
 * - a DingTalk markdown message or card is read back as the text it shows (dingTalkText.ts);
 * - a file the bot sends is a message of its own on Feishu, WeChat, QQ and DingTalk and rides with the reply on the
 *   sandbox: it is returned among the files, never as a reply;
 * - DingTalk: a file cannot reach a group robot (a file message cannot @ it), so the 组织办's /导入 名册 and the
 *   files after it go to his private chat with the robot, and the answers come from there.
 * Everything else must be equal, character for character. The export link's token is random: runSharedScenario
 * opens it, then writes it as `/files/<token>` in the transcript only.
 */
export interface ScenarioDriver {
  platform: string;
  /** The running service, to open the links the bot gives (PUBLIC_BASE_URL stands for it). */
  serviceUrl: string;
  say(
    who: ScenarioActor,
    message: { text: string; photo?: Buffer; file?: ScenarioFile },
    expected: { replies: number; files: number },
  ): Promise<{ replies: string[]; files: ScenarioFile[] }>;
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
  const dongwan = await db.member.findMany({ where: { organization: { name: scenarioOrganisation } }, orderBy: { id: 'asc' } });
  expect(
    dongwan.map((m) => [m.name, m.phone]),
    `${driver.platform}: the roster files start from the town as seeded`,
  ).toEqual(dongwanRoster.map((row) => [row[1], row[2]]));
  const before = await memberDetails(db);
  const transcript: string[] = [];
  for (const [index, step] of sharedScenario.entries()) {
    const where = `${driver.platform} step ${index + 1} (${step.who}: ${step.say || step.file?.name})`;
    const text = await fillIn(db, step.say);
    const message = { text, ...(step.photo ? { photo: scenarioPhoto } : {}), ...(step.file ? { file: step.file } : {}) };
    const answer = await driver.say(step.who, message, { replies: step.replies ?? 1, files: step.expectFile ? 1 : 0 });
    const replies = answer.replies.map(normaliseReply);
    const joined = replies.join('\n');
    for (const piece of step.expect) expect(joined, where).toContain(piece);
    expect(replies, `${where}: reply count`).toHaveLength(step.replies ?? 1);
    expect(
      answer.files.map((f) => f.name),
      `${where}: files the bot sent`,
    ).toEqual(step.expectFile ? [expect.stringMatching(step.expectFile)] : []);
    for (const file of answer.files) await checkFile(driver, db, file, joined);
    const said = step.photo
      ? `[图片 ${scenarioPhotoName}]${step.say ? ` ${step.say}` : ''}`
      : step.file
        ? `[文件 ${step.file.name}]${step.say ? ` ${step.say}` : ''}`
        : step.say;
    transcript.push(
      `## ${index + 1}. ${step.who}: ${said.replace(/\n/g, '\n   ')}`,
      ...replies.map(maskFileTokens),
      ...answer.files.map((f) => `[文件 ${f.name}]`),
      '',
    );
  }
  await checkStored(db, driver.platform, before);
  return transcript.join('\n');
}

/** An export's download token (exportFiles.ts: 24 random bytes, base64url): a fresh one on every run. */
const FILE_TOKEN = /\/files\/([A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])/gu;

function maskFileTokens(reply: string): string {
  return reply.replace(FILE_TOKEN, '/files/<token>');
}

/**
 * The ledger the 书记 exported, as it came out of the chat: it opens with exceljs, holds every sheet, this scenario's
 * 主题党日 record and the roster as imported (the new member in the points sheet), and is the file behind the
 * reply's link.
 */
async function checkFile(driver: ScenarioDriver, db: Db, file: ScenarioFile, reply: string): Promise<void> {
  const where = `${driver.platform}: ${file.name}`;
  const token = [...reply.matchAll(FILE_TOKEN)].map((m) => m[1]!);
  expect(token, `${where}: one download link`).toHaveLength(1);
  const served = await fetch(`${driver.serviceUrl}/files/${token[0]}`);
  expect(served.status, `${where}: the link opens`).toBe(200);
  expect(Buffer.compare(Buffer.from(await served.arrayBuffer()), file.bytes), `${where}: the file in the chat is the one behind the link`).toBe(0);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
  expect(
    workbook.worksheets.map((w) => w.name),
    `${where}: sheets`,
  ).toEqual(Object.values(SHEETS));
  const rows = (sheet: string) => {
    const out: string[][] = [];
    const worksheet = workbook.getWorksheet(sheet)!;
    worksheet.eachRow((row, n) => {
      if (n > 1) out.push(Array.from({ length: worksheet.columnCount }, (_, i) => row.getCell(i + 1).text));
    });
    return out;
  };
  expect(rows(SHEETS.daily), `${where}: the 主题党日 record`).toEqual([
    ['1', '2026-11-18', '主题党日', '学习贯彻党的二十届四中全会精神', '13', '3', '', '1', scenarioPeople.secretary, '重温入党誓词，集中学习全会公报。'],
  ]);
  const members = await db.member.findMany({ where: { organization: { name: scenarioOrganisation } }, orderBy: { id: 'asc' } });
  const points = rows(SHEETS.points);
  expect(
    points.map((r) => r[0]),
    `${where}: every member in the points sheet`,
  ).toEqual(members.map((m) => m.name));
  expect(
    points.filter((r) => r[1] !== '0').map((r) => `${r[0]}:${r[1]}`),
    `${where}: points`,
  ).toEqual(['李春生:3', '王小燕:3', '赵大勇:3']);
  const education = new Map(rows(SHEETS.education).map((r) => [r[0], r]));
  expect(education.get(rosterChanges.joined.name)?.slice(0, 3), `${where}: the new member`).toEqual([rosterChanges.joined.name, '否', '正常']);
  expect(education.get(rosterChanges.elected.name)?.[1], `${where}: 班子成员 as imported`).toBe('是');
  expect(education.get(rosterChanges.floating.name)?.[2], `${where}: 状态 as imported`).toBe('流动党员');
}

/** Every member's details that a roster import may change, by id. */
async function memberDetails(db: Db): Promise<Map<number, string>> {
  const members = await db.member.findMany({ include: { organization: true, roles: { orderBy: [{ organizationId: 'asc' }, { role: 'asc' }] } } });
  return new Map(
    members.map((m) => [
      m.id,
      JSON.stringify({
        name: m.name,
        phone: m.phone,
        organization: m.organization.name,
        isCadre: m.isCadre,
        status: m.status,
        joinedAt: m.joinedAt,
        roles: m.roles.map((r) => `${r.organizationId}:${r.role}:${r.title ?? ''}`),
      }),
    ]),
  );
}

/** What the conversation must have left in the database, the same on every platform. */
async function checkStored(db: Db, platform: string, before: Map<number, string>): Promise<void> {
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

  // The roster files: one member more in 东湾村党支部, two changed, every other member of the town as before.
  const after = await memberDetails(db);
  const joined = await db.member.findUniqueOrThrow({ where: { phone: rosterChanges.joined.phone }, include: { organization: true, roles: true } });
  expect([joined.name, joined.organization.name, joined.isCadre, joined.status, joined.roles.map((r) => r.role)], `${platform}: the new member`).toEqual([
    rosterChanges.joined.name,
    scenarioOrganisation,
    false,
    'NORMAL',
    ['MEMBER'],
  ]);
  expect(
    [...after.keys()].filter((id) => !before.has(id)),
    `${platform}: one member added`,
  ).toEqual([joined.id]);
  const elected = await db.member.findFirstOrThrow({ where: { name: rosterChanges.elected.name }, include: { roles: true } });
  expect([elected.isCadre, elected.roles.map((r) => `${r.role}:${r.title ?? ''}`)], `${platform}: ${elected.name} in the 班子`).toEqual([
    true,
    [`MEMBER:${rosterChanges.elected.title}`],
  ]);
  const floating = await db.member.findFirstOrThrow({ where: { name: rosterChanges.floating.name } });
  expect(floating.status, `${platform}: ${floating.name} 流动党员`).toBe('FLOATING');
  const changed = [...before.keys()].filter((id) => after.get(id) !== before.get(id));
  expect(
    changed.sort((a, b) => a - b),
    `${platform}: only these members changed`,
  ).toEqual([elected.id, floating.id].sort((a, b) => a - b));
  expect(await db.pendingAction.count({ where: { kind: { startsWith: 'roster.' } } }), `${platform}: no roster question left open`).toBe(0);
}
