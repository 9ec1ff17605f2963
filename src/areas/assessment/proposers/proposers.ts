import type { Proposer } from './types.ts';
import { threeMeetings } from './threeMeetings.ts';
import { themeDay } from './themeDay.ts';
import { training } from './training.ts';
import { heldInPeriod } from './heldInPeriod.ts';
import { dues } from './dues.ts';

/** Records-based proposers, keyed by the name part of StandardItem.autoRule ("training:memberFloor=32,…"). */
export const proposers: Record<string, Proposer> = {
  threeMeetings,
  themeDay,
  training,
  dues,
  democraticReview: heldInPeriod('DEMOCRATIC_REVIEW', '民主评议一般在“七一”前后或12月开展；评议程序是否规范由考核小组核实。'),
  lifeMeeting: heldInPeriod('LIFE_MEETING'),
  heartTalk: heldInPeriod('HEART_TALK', '困难党员帮扶（另扣1分的情形）需考核小组核实。'),
};
