import type { ActivityType } from '../../../core/generated/prisma/enums.ts';
import type { Period } from '../period.ts';

export interface RecordRow {
  id: number;
  seq: number;
  type: ActivityType;
  heldOn: string; // YYYY-MM-DD
  topic: string;
  hours: number | null;
  photos: number;
  attendees: { memberId: number; present: boolean; hours: number | null }[];
}

export interface MemberRow {
  id: number;
  name: string;
  isCadre: boolean;
  /** YYYY-MM-DD; dues are owed from the month of joining. */
  joinedOn?: string | null;
}

/** The records of one organisation in one period, read once per assessment. */
export interface RecordSet {
  organizationId: number;
  period: Period;
  /** Only months (and quarters) that ended on or before this day are checked for cadence. */
  asOf: string;
  records: RecordRow[];
  members: MemberRow[];
  /** 党费 recorded for the period's year (/党费 登记). */
  dues?: { memberId: number; month: number }[];
}

export interface Deduction {
  points: number;
  reason: string;
}

/** What the bot shows the assessor and stores in AssessmentScore.evidence. */
export interface Evidence {
  rule: string;
  /** Short lines for the chat. */
  summary: string[];
  /** Record receipts the proposal rests on (Activity ids and their numbers). */
  records: { id: number; seq: number; type: ActivityType; heldOn: string; topic: string }[];
  /** Months, quarters or people that fall short. */
  missing: string[];
  deductions: Deduction[];
}

export interface Proposal {
  score: number;
  evidence: Evidence;
}

export type Proposer = (records: RecordSet, maxPoints: number, params: Record<string, number>) => Proposal;
