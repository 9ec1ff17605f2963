import { expect } from 'vitest';
import type { Db } from '../../src/db/openDatabase.ts';

/**
 * One conversation, run on every platform (sandbox, Feishu fake, wechaty mock, OneBot fake) from this table.
 * Every platform must give the same replies: each platform's test compares its transcript with the same file
 * (`sharedScenario.transcript.txt`), so a platform that answers differently fails.
 *
 * To add a step: append a row. `{后四位:姓名}` in `say` becomes that member's phone digits. After changing the
 * table, run one platform's test with `-u` to rewrite the transcript, read it, then run the others unchanged.
 */
export type ScenarioActor = 'admin' | 'secretary' | 'liaison';

export interface ScenarioStep {
  who: ScenarioActor;
  say: string;
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

export const sharedScenario: ScenarioStep[] = [
  { who: 'admin', say: '/绑定 郑晓明 {后四位:郑晓明}', expect: ['绑定成功', '郑晓明'] },
  { who: 'admin', say: `/绑定群 ${scenarioOrganisation}`, expect: ['群已绑定', scenarioOrganisation] },
  { who: 'secretary', say: '/我的', expect: ['先绑定身份'] },
  { who: 'secretary', say: '/绑定 李春生 {后四位:李春生}', expect: ['绑定成功', '李春生'] },
  { who: 'secretary', say: '/我的', expect: ['我的信息 · 李春生', '东湾村党支部', '书记'] },
  { who: 'liaison', say: '/绑定 王小燕 {后四位:王小燕}', expect: ['绑定成功'] },
  { who: 'liaison', say: '/我的', expect: ['我的信息 · 王小燕', '联络员'] },
  { who: 'liaison', say: '/帮助', expect: ['王小燕', '/我的'] },
  { who: 'secretary', say: '/帮助 我的', expect: ['指令：/我的'] },
  // Slot for the lead: 主题党日 with attendees, a photo, /积分, /进度 once the workflow branches are merged.
];

/**
 * Platforms that run this table: sandboxScenario.test.ts, wechatyScenario.test.ts, oneBotScenario.test.ts.
 * Feishu slot: larkScenario.test.ts (built with the Lark adapter) gives a driver whose `say` posts a signed
 * `im.message.receive_v1` event from the actor's open_id into one chat and returns the text of the cards the fake
 * Open API received (render them with renderText, or compare the card's text content), then calls
 * runSharedScenario and compares with the same transcript file.
 */
/** What a platform's test provides: say something as an actor in the scenario group, get the reply texts. */
export interface ScenarioDriver {
  platform: string;
  say(who: ScenarioActor, text: string, replies: number): Promise<string[]>;
}

async function fillIn(db: Db, text: string): Promise<string> {
  let out = text;
  for (const match of text.matchAll(/\{后四位:([^}]+)\}/gu)) {
    const member = await db.member.findFirstOrThrow({ where: { name: match[1]! } });
    out = out.replace(match[0], member.phoneLast4 ?? '');
  }
  return out;
}

/** Platform details that may differ without changing the answer (trailing spaces, \r). */
export function normaliseReply(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/[ \t]+$/gmu, '').trim();
}

/** Runs the table through a driver, checks each step, returns the transcript to compare across platforms. */
export async function runSharedScenario(driver: ScenarioDriver, db: Db): Promise<string> {
  // Same start everywhere: the demo binds some of these people to sandbox personas; the scenario binds them afresh.
  await db.chatIdentity.deleteMany({ where: { member: { name: { in: Object.values(scenarioPeople) } } } });
  const transcript: string[] = [];
  for (const [index, step] of sharedScenario.entries()) {
    const text = await fillIn(db, step.say);
    const replies = (await driver.say(step.who, text, step.replies ?? 1)).map(normaliseReply);
    const joined = replies.join('\n');
    for (const piece of step.expect) {
      expect(joined, `${driver.platform} step ${index + 1} (${step.who}: ${step.say})`).toContain(piece);
    }
    expect(replies, `${driver.platform} step ${index + 1} reply count`).toHaveLength(step.replies ?? 1);
    transcript.push(`## ${index + 1}. ${step.who}: ${step.say}`, ...replies, '');
  }
  return transcript.join('\n');
}
