import { addWorkingDays, WorkingDayDeadline } from '../calendar/working-days';
import { DomainError } from '../errors/domain-error';

/**
 * Customer complaints (客户投诉) about a loan: recorded by the staff who serve customers (客户经理
 * "及时回应客户疑问和投诉"), answered by a handler within a number of working days, escalated to the
 * branch's center manager and then to head office when late. The seeds make the head of the
 * branch's personal-credit department the first responsible person (第一责任人) for complaint
 * handling: the center manager is the first level of escalation and the handler when none is named.
 */

/** What a complaint is about: one category each, fixed so that figures compare across units. */
export const COMPLAINT_CATEGORIES = [
  /** 服务态度: how staff treated the customer. */
  'service-attitude',
  /** 收费与利率: fees, interest, penalty interest charged. */
  'fees-and-charges',
  /** 催收行为: how arrears were collected (calls at night, third parties told, threats). */
  'collection-conduct',
  /** 信息披露: terms, costs or risks not explained (合同条款、还款方式). */
  'information-disclosure',
  /** 个人信息: the customer's personal data used or shown beyond need. */
  'personal-data',
  /** 办理时效: the loan's handling was slow or a promise was missed. */
  'processing-delay',
  /** 其他. */
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/**
 * Who answers, in order: the handler named when it was filed (or the branch's center managers
 * when none was), then the branch's center managers, then head office.
 */
export const COMPLAINT_LEVELS = ['handler', 'branch', 'head-office'] as const;
export type ComplaintLevel = (typeof COMPLAINT_LEVELS)[number];

/** Working days to answer a complaint (configurable: COMPLAINT_ANSWER_WORKING_DAYS). */
export const DEFAULT_COMPLAINT_ANSWER_WORKING_DAYS = 5;
/** Working days each escalated level has (configurable: COMPLAINT_ESCALATION_WORKING_DAYS). */
export const DEFAULT_COMPLAINT_ESCALATION_WORKING_DAYS = 3;

/** The level after `level`, or null when head office already holds it. */
export function nextComplaintLevel(level: ComplaintLevel): ComplaintLevel | null {
  const at = COMPLAINT_LEVELS.indexOf(level);
  return COMPLAINT_LEVELS[at + 1] ?? null;
}

/** The answer's deadline: `workingDays` working days after `from` on China's official calendar. */
export function complaintDeadline(from: Date, workingDays: number): WorkingDayDeadline {
  if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 30)
    throw new DomainError(
      'COMPLAINT_DEADLINE_INVALID',
      `the working days to answer a complaint must be a whole number from 1 to 30, got ${workingDays}`,
      { field: 'workingDays' },
    );
  return addWorkingDays(from, workingDays);
}

export interface ComplaintHandlerFacts {
  /** The handler named when the complaint was filed, if any. */
  named: string | null;
  /** The loan's customer manager, the default handler. */
  customerManager: string | null;
  /** The staff the complaint is about. */
  staffInvolved: readonly string[];
}

/**
 * The handler of a new complaint: the person named, else the loan's customer manager, never a
 * person the complaint is about (nobody judges a complaint against themself); null means the
 * branch's center managers take it. A named handler the complaint is about is refused, naming the
 * field.
 */
export function complaintHandler(facts: ComplaintHandlerFacts): string | null {
  if (facts.named !== null) {
    if (facts.staffInvolved.includes(facts.named))
      throw new DomainError(
        'COMPLAINT_HANDLER_INVOLVED',
        `${facts.named} is among the staff the complaint is about and cannot handle it`,
        { field: 'handler' },
      );
    return facts.named;
  }
  const manager = facts.customerManager;
  return manager && !facts.staffInvolved.includes(manager) ? manager : null;
}

/** A complaint as the figures count it. */
export interface ComplaintFact {
  unitCode: string;
  category: ComplaintCategory;
  /** The first deadline: the one promised to the customer. */
  dueAt: Date;
  answeredAt: Date | null;
}

export type ComplaintStanding = 'open' | 'open-late' | 'answered' | 'answered-late';

/**
 * Late means the customer waited past the first deadline: open after it, or answered after it
 * (an escalation gives the bank more time, not the customer a later promise).
 */
export function complaintStanding(fact: ComplaintFact, now: Date): ComplaintStanding {
  if (fact.answeredAt)
    return fact.answeredAt.getTime() > fact.dueAt.getTime() ? 'answered-late' : 'answered';
  return now.getTime() > fact.dueAt.getTime() ? 'open-late' : 'open';
}

export interface ComplaintFigureRow {
  unitCode: string;
  category: ComplaintCategory;
  open: number;
  answered: number;
  /** Open past the deadline or answered after it (counted in open or answered as well). */
  late: number;
}

/** Counts per unit and category, sorted by unit then category in the list's order. */
export function complaintFigures(facts: readonly ComplaintFact[], now: Date): ComplaintFigureRow[] {
  const rows = new Map<string, ComplaintFigureRow>();
  for (const fact of facts) {
    const key = `${fact.unitCode}\u0000${fact.category}`;
    let row = rows.get(key);
    if (!row) {
      row = { unitCode: fact.unitCode, category: fact.category, open: 0, answered: 0, late: 0 };
      rows.set(key, row);
    }
    const standing = complaintStanding(fact, now);
    if (standing === 'open' || standing === 'open-late') row.open += 1;
    else row.answered += 1;
    if (standing === 'open-late' || standing === 'answered-late') row.late += 1;
  }
  return [...rows.values()].sort(
    (a, b) =>
      a.unitCode.localeCompare(b.unitCode) ||
      COMPLAINT_CATEGORIES.indexOf(a.category) - COMPLAINT_CATEGORIES.indexOf(b.category),
  );
}
