import { describe, expect, it } from 'vitest';
import { parseRecordMessage, splitNames } from '../../../src/areas/records/parseRecordMessage.ts';

const now = new Date('2026-11-20T04:00:00Z');

describe('parseRecordMessage', () => {
  it('reads every field, with full- and half-width colons and loose spacing', () => {
    const parsed = parseRecordMessage(
      [
        '类型：党课',
        ' 日期 : 11月2日',
        '主题：党史学习',
        '应到：１２人',
        '实到:10',
        '参加人员：@张三 李四、王五，张三',
        '学时：1.5小时',
        '摘要：第一段',
        '第二段',
      ].join('\n'),
      now,
      'Asia/Shanghai',
    );
    expect(parsed).toEqual({
      type: 'PARTY_LESSON',
      heldOn: '2026-11-02',
      dateText: '11月2日',
      dateFarBack: false,
      topic: '党史学习',
      expectedCount: 12,
      presentCount: 10,
      // Chunks as written: whether 「张三 李四」 is one name or two is for the roster to say (resolveAttendees).
      attendeeNames: ['张三 李四', '王五', '张三'],
      hours: 1.5,
      summary: '第一段\n第二段',
      programme: null,
    });
  });

  it('names the field in every error and shows its right form', () => {
    expect(() => parseRecordMessage('类型：主题党日\n日期：昨天\n主题：x\n实到：3\n学时：-1', now, 'Asia/Shanghai')).toThrow(/「学时」应是数字/);
    try {
      parseRecordMessage('类型：主题党日\n日期：后天\n主题：x\n实到：3', now, 'Asia/Shanghai');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('「日期」');
      expect((error as { usage?: string }).usage).toContain('「日期：3月5日」');
    }
  });

  it('lists every problem of the message at once, each with its right form', () => {
    try {
      parseRecordMessage(['类型：主题党日', '日期：2月30日', '主题：', '应到：十二', '实到：3', '学时：很多', '负责人：张三'].join('\n'), now, 'Asia/Shanghai');
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('这条记录有 5 处要改');
      expect(message).toContain(
        '「负责人」不是记录里的项目。每行写一项，格式为「项目：内容」，项目可以是：类型、日期、主题、应到、实到、参加人员、学时、摘要、项目。',
      );
      expect(message).toContain('「日期」填写有误：「2月30日」不是有效的日期（没有这一天：2月只有 28 天）');
      expect(message).toContain('「主题」没有填写');
      expect(message).toContain('「应到」应是整数人数');
      expect(message).toContain('「学时」应是数字');
      const usage = (error as { usage?: string }).usage!;
      expect(usage).toContain('「日期：3月5日」');
      expect(usage).toContain('「学时：2」');
    }
  });

  it('reads 项目 as a programme the record counts towards', () => {
    const parsed = parseRecordMessage('类型：专题讲习\n日期：11月2日\n主题：讲学\n实到：3\n学时：2\n项目：讲学拉练', now, 'Asia/Shanghai');
    expect(parsed.programme).toBe('讲学拉练');
  });

  it('splits names on spaces, commas and 、 and drops the @', () => {
    expect(splitNames('@张三  李四、王五,赵六；@钱七')).toEqual(['张三 李四', '王五', '赵六', '钱七']);
    expect(splitNames('李 春生，陈 秀英等')).toEqual(['李 春生', '陈 秀英']);
  });
});
