/**
 * The incompatible duties of a loan's whole life, as one table (不相容职责表). Why a table: the
 * auditor reads the same rows that `assertDutyAllowed` enforces, so the rule written down and the
 * rule applied cannot drift apart; `incompatibleDutiesMarkdown` prints it for the docs.
 *
 * Each row forbids one person both duties, in either order (doing B after A is refused as much
 * as A after B). Its scope says where:
 * - `loan`: anywhere on the same loan, however far apart in time (whoever approved a loan never
 *   approves its write-off);
 * - `same-ref`: within one act that has its own reference (one restructuring request, one
 *   proposal of a better classification, one staff-recorded repayment), so a person may request
 *   one restructuring and review another request on the same loan.
 *
 * Sources: the Chinese words each rule rests on, quoted from the bank's source documents the
 * product was specified from, which this repository does not hold (seed 001: 银行个贷岗位职责;
 * seed 004: 贷后管理岗位, in traditional script, quoted without the pinyin the copy interleaves;
 * see docs/domain.md), or "bank policy" where the seeds are silent and the
 * rule is this bank's own control; the closest seed words are then quoted as context, not as
 * authority.
 */

/** The acts on one loan that separation of duties (审贷分离) keeps apart. */
export const DUTIES = [
  'investigation',
  'review',
  'approval',
  'mortgage-registration',
  'disbursement-check',
  'restructuring-request',
  'restructuring-review',
  'restructuring-approval',
  'prepayment-request',
  'prepayment-review',
  'classification-upgrade-proposal',
  'classification-upgrade-approval',
  'repayment-recording',
  'repayment-confirmation',
  'write-off-review',
  'write-off-approval',
  'change-request',
  'change-review',
  'accountability-decision',
  'archive-destruction-request',
  'archive-destruction-approval',
] as const;

export type Duty = (typeof DUTIES)[number];

export const DUTY_NAMES: Record<Duty, string> = {
  investigation: 'investigation (贷前调查)',
  review: 'review (贷款审查)',
  approval: 'approval (贷款审批)',
  'mortgage-registration': 'mortgage registration (抵押办证)',
  'disbursement-check': 'disbursement check (放款审核)',
  'restructuring-request': 'extension or restructuring request (展期/重组申请)',
  'restructuring-review': 'extension or restructuring review (展期/重组审查)',
  'restructuring-approval': 'extension or restructuring approval (展期/重组审批)',
  'prepayment-request': 'part prepayment request (提前还款申请)',
  'prepayment-review': 'part prepayment review (提前还款审查)',
  'classification-upgrade-proposal': 'proposal of a better classification (五级分类上调建议)',
  'classification-upgrade-approval': 'approval of a better classification (五级分类上调审批)',
  'repayment-recording': 'recording of a repayment by staff (还款录入)',
  'repayment-confirmation': 'confirmation of a staff-recorded repayment (还款复核)',
  'write-off-review': 'review of the write-off’s legal documents (核销法律文件审查)',
  'write-off-approval': 'write-off approval (核销审批)',
  'change-request': 'request of a change of account or borrower details (更改帐户/借款人信息申请)',
  'change-review': 'review of a change of account or borrower details (更改帐户/借款人信息审查)',
  'accountability-decision': 'accountability decision (责任认定)',
  'archive-destruction-request': 'request to destroy a file past its retention (档案销毁申请)',
  'archive-destruction-approval': 'approval to destroy a file (档案销毁审批)',
};

export function isDuty(value: string): value is Duty {
  return (DUTIES as readonly string[]).includes(value);
}

export type DutyScope = 'loan' | 'same-ref';

export const DUTY_SCOPE_NAMES: Record<DutyScope, string> = {
  loan: 'the same loan',
  'same-ref': 'the same request (ref)',
};

export interface IncompatibleDuties {
  duty: Duty;
  conflictingDuty: Duty;
  scope: DutyScope;
  /** The rule in English, as a refusal states it (details.rule). */
  rule: string;
  /** The Chinese words the rule rests on, quoted. */
  sourceZh: string;
  /** Where the words come from: a seed and its post, or "bank policy" where the seeds are silent. */
  source: string;
}

const SEED_001 = 'seed 001 银行个贷岗位职责';
const POLICY = 'bank policy (the seeds are silent); closest seed words';

const CREDIT_CHAIN_RULE = 'investigation, review and approval are done by three different people';
const CREDIT_CHAIN_ZH =
  '按“贷审分离”的原则下设审查岗、营销岗、档案管理岗、综合岗；贷款审批岗在审查岗提交的信贷调查报告、信贷审核分析报告和审核意见的基础上……审批贷款';

const MORTGAGE_CLERK_RULE =
  'the mortgage clerk may not review, approve or check the disbursement of the same loan';
const MORTGAGE_CLERK_ZH = '本岗位不得同时兼任贷款审查岗、贷款审批岗和放款监督岗。';

const DISBURSEMENT_RULE =
  'the disbursement check is done by someone who did not investigate, review or approve the loan: it is the last control before funds leave the bank';
const DISBURSEMENT_ZH = '负责组建集约化操作的贷款审核和放款审查体制';

const WRITE_OFF_RULE =
  'whoever investigated, reviewed or approved a loan does not approve its write-off: they would judge their own loss';
const WRITE_OFF_ZH = '如何解决兼任带来的整体利益和个体利益的冲突问题是关键';

const WRITE_OFF_REVIEW_RULE =
  'the legal documents of a write-off are reviewed by someone who made none of the loan’s credit decisions and does not approve the write-off';
const WRITE_OFF_REVIEW_ZH = '审查需要核销贷款的法律文件';

const RESTRUCTURING_RULE =
  'an extension or restructuring is requested, reviewed and approved by three different people';
const RESTRUCTURING_ZH =
  '（审查岗）负责审查提前还款、展期、更改还款帐户、更改借款人信息交易；按“贷审分离”的原则下设审查岗、营销岗';

const RESTRUCTURING_SOURCE = `${SEED_001}, 审查岗 (the reviewer reviews extensions) and 贷审分离, applied to the new terms`;

const PREPAYMENT_RULE =
  'a part prepayment is reviewed by someone other than the person who requested it';
const PREPAYMENT_ZH = '（审查岗）负责审查提前还款、展期、更改还款帐户、更改借款人信息交易';
const CHANGE_RULE =
  'a change of the repayment or payout account or of the borrower’s details is reviewed by someone other than the person who requested it';
const CHANGE_ZH = '（审查岗）负责审查提前还款、展期、更改还款帐户、更改借款人信息交易';

const UPGRADE_RULE =
  'a better classification is approved by someone other than the person who proposed it';
const UPGRADE_ZH = '檢查結束后,撰寫貸后檢查報告,提交上級審核。';

const REPAYMENT_RULE =
  'a repayment recorded by staff is confirmed by a second person (maker-checker, 双人复核)';
const REPAYMENT_ZH = '使“双人调查”真正落到实处';

const ACCOUNTABILITY_RULE =
  'no one decides responsibility for a loss on a loan they worked on, nor on their own conduct';
const ACCOUNTABILITY_ZH =
  '建立贷后责任追究和奖励制度；如何解决兼任带来的整体利益和个体利益的冲突问题是关键';

const row = (
  duty: Duty,
  conflictingDuty: Duty,
  scope: DutyScope,
  rule: string,
  sourceZh: string,
  source: string,
): IncompatibleDuties => ({ duty, conflictingDuty, scope, rule, sourceZh, source });

/**
 * Every pair one person may not do, in the order a refusal is looked for (the first row that
 * matches names the conflict). The rows of origination come first, as they always have.
 */
export const INCOMPATIBLE_DUTIES: readonly IncompatibleDuties[] = [
  // Approval above the first level is a second pair of eyes: each level is a different person.
  row(
    'approval',
    'approval',
    'loan',
    'each level of approval (branch, center, committee) is done by a different person',
    '对分行上报的超权限的个人贷款业务的复审',
    `${SEED_001}, 消费信贷科科长`,
  ),
  // 审贷分离: investigation, review and approval of one loan are three people.
  row('investigation', 'review', 'loan', CREDIT_CHAIN_RULE, CREDIT_CHAIN_ZH, SEED_001),
  row('investigation', 'approval', 'loan', CREDIT_CHAIN_RULE, CREDIT_CHAIN_ZH, SEED_001),
  row('review', 'approval', 'loan', CREDIT_CHAIN_RULE, CREDIT_CHAIN_ZH, SEED_001),
  // The mortgage clerk (抵押办证岗) stands apart from review, approval and the disbursement check.
  ...(['review', 'approval', 'disbursement-check'] as const).map((other) =>
    row(
      'mortgage-registration',
      other,
      'loan',
      MORTGAGE_CLERK_RULE,
      MORTGAGE_CLERK_ZH,
      `${SEED_001}, 抵押办证岗`,
    ),
  ),
  // The disbursement check is independent of the credit decision it puts into effect.
  ...(['investigation', 'review', 'approval'] as const).map((other) =>
    row(
      'disbursement-check',
      other,
      'loan',
      DISBURSEMENT_RULE,
      DISBURSEMENT_ZH,
      `${POLICY}: ${SEED_001}, 个贷中心经理`,
    ),
  ),
  // Extension and restructuring: a new credit decision, kept apart as origination is.
  row(
    'restructuring-request',
    'restructuring-review',
    'same-ref',
    RESTRUCTURING_RULE,
    RESTRUCTURING_ZH,
    RESTRUCTURING_SOURCE,
  ),
  row(
    'restructuring-request',
    'restructuring-approval',
    'same-ref',
    RESTRUCTURING_RULE,
    RESTRUCTURING_ZH,
    RESTRUCTURING_SOURCE,
  ),
  row(
    'restructuring-review',
    'restructuring-approval',
    'same-ref',
    RESTRUCTURING_RULE,
    RESTRUCTURING_ZH,
    RESTRUCTURING_SOURCE,
  ),
  // A part prepayment changes the schedule: the reviewer (审查岗) is not the one who asked for it.
  row(
    'prepayment-request',
    'prepayment-review',
    'same-ref',
    PREPAYMENT_RULE,
    PREPAYMENT_ZH,
    `${SEED_001}, 审查岗 (the reviewer reviews prepayments)`,
  ),
  // A change of account or of the borrower's details: requested by one, reviewed by another.
  row(
    'change-request',
    'change-review',
    'same-ref',
    CHANGE_RULE,
    CHANGE_ZH,
    `${SEED_001}, 审查岗 (reviews changes of the repayment account and of the borrower's details)`,
  ),
  // A better classification is proposed by an inspection and approved by someone else.
  row(
    'classification-upgrade-proposal',
    'classification-upgrade-approval',
    'same-ref',
    UPGRADE_RULE,
    UPGRADE_ZH,
    'seed 004 貸后管理崗位, 工作流程 (三) 貸后檢查實施',
  ),
  // Maker-checker on a repayment staff enter by hand.
  row(
    'repayment-recording',
    'repayment-confirmation',
    'same-ref',
    REPAYMENT_RULE,
    REPAYMENT_ZH,
    `${POLICY}: ${SEED_001}, 关于设立调查岗的设想`,
  ),
  // Those who made the loan do not decide that its loss is final.
  ...(['investigation', 'review', 'approval'] as const).map((other) =>
    row(
      'write-off-approval',
      other,
      'loan',
      WRITE_OFF_RULE,
      WRITE_OFF_ZH,
      `${POLICY}: ${SEED_001}, 关于设立调查岗的设想`,
    ),
  ),
  // The reviewer of the write-off's legal documents (审查岗: 审查需要核销贷款的法律文件) made none of
  // the loan's credit decisions, and is a second pair of eyes before the committee's.
  ...(['investigation', 'review', 'approval', 'write-off-approval'] as const).map((other) =>
    row(
      'write-off-review',
      other,
      'loan',
      WRITE_OFF_REVIEW_RULE,
      WRITE_OFF_REVIEW_ZH,
      `${SEED_001}, 审查岗 (reviews the legal documents of a write-off); the rest ${POLICY}`,
    ),
  ),
  // A file is destroyed on two signatures: whoever asks for it does not approve it (经批准…销毁).
  row(
    'archive-destruction-request',
    'archive-destruction-approval',
    'same-ref',
    'a file is destroyed only when someone other than the person who asked for it approves',
    '负责记录档案调阅、检查、移交登记簿和经批准对超保管年限的档案资料进行销毁',
    `${SEED_001}, 档案管理岗`,
  ),
  // The judge of responsibility did nothing on the loan (and is not named in its dossier: see
  // DOSSIER_NAMES_RULE, a separate input).
  ...DUTIES.filter((other) => other !== 'accountability-decision').map((other) =>
    row(
      'accountability-decision',
      other,
      'loan',
      ACCOUNTABILITY_RULE,
      ACCOUNTABILITY_ZH,
      `${POLICY}: seed 002 贷后管理存在的问题及应对措施; ${SEED_001}`,
    ),
  ),
];

/**
 * The accountability decision against the people its dossier names (责任认定材料): not a duty of
 * the record but a list of usernames given with the check, because the dossier names people for
 * acts the duty record does not hold (the application, inspections, collection contacts).
 */
export const DOSSIER_NAMES_RULE = {
  duty: 'accountability-decision',
  conflictingDuty: 'named-in-accountability-dossier',
  conflictingName: 'named in the accountability dossier (责任认定材料)',
  scope: 'loan',
  rule: ACCOUNTABILITY_RULE,
  sourceZh: ACCOUNTABILITY_ZH,
  source: `${POLICY}: seed 002 贷后管理存在的问题及应对措施; ${SEED_001}`,
} as const;

/** The rows that apply when `duty` is about to be done: the other duty of each, in table order. */
export function conflictsOf(
  duty: Duty,
  table: readonly IncompatibleDuties[] = INCOMPATIBLE_DUTIES,
): { conflictingDuty: Duty; row: IncompatibleDuties }[] {
  return table.flatMap((row) =>
    row.duty === duty
      ? [{ conflictingDuty: row.conflictingDuty, row }]
      : row.conflictingDuty === duty
        ? [{ conflictingDuty: row.duty, row }]
        : [],
  );
}

/** The table as Markdown, for the docs: one line per pair, the dossier rule last. */
export function incompatibleDutiesMarkdown(
  table: readonly IncompatibleDuties[] = INCOMPATIBLE_DUTIES,
): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [
    line(['duty', 'may not also be done by the same person', 'within', 'rule', '原文', 'source']),
    line(['---', '---', '---', '---', '---', '---']),
    ...table.map((r) =>
      line([
        DUTY_NAMES[r.duty],
        DUTY_NAMES[r.conflictingDuty],
        DUTY_SCOPE_NAMES[r.scope],
        r.rule,
        r.sourceZh,
        r.source,
      ]),
    ),
    line([
      DUTY_NAMES[DOSSIER_NAMES_RULE.duty],
      DOSSIER_NAMES_RULE.conflictingName,
      DUTY_SCOPE_NAMES[DOSSIER_NAMES_RULE.scope],
      DOSSIER_NAMES_RULE.rule,
      DOSSIER_NAMES_RULE.sourceZh,
      DOSSIER_NAMES_RULE.source,
    ]),
  ].join('\n');
}
