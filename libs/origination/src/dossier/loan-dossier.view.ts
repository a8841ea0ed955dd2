import type { ScheduleStanding } from '@loanflow/domain';
import { LoanPositionView } from './loan-position.view';
import { ApiProperty } from '@nestjs/swagger';
import { ApiLooseObject, ApiObjectArray } from '@loanflow/observability';
import { QuotedInstallment } from '../quotes/loan-quote.request';

/** 贷款保证保险: who insures the loan, under which policy. */
export class CreditInsuranceView {
  @ApiProperty() insurer!: string;
  @ApiProperty() policyNo!: string;
}

export class RequestedTermsView {
  @ApiProperty({ example: '50000.00' }) amount!: string;
  @ApiProperty({ example: 24 }) termMonths!: number;
}

export class ApprovedTermsView {
  @ApiProperty({ example: '50000.00' }) amount!: string;
  @ApiProperty({ example: 24 }) termMonths!: number;
  @ApiProperty({ example: '0.0435' }) annualRate!: string;
}

/** The pricing grid's band for the loan: floor and ceiling over the reference rate. */
export class PricingBandView {
  @ApiProperty({ example: 'LPR' }) basis!: string;
  @ApiProperty({ example: '0.0345' }) reference!: string;
  @ApiProperty({ example: '2026-10-20' }) effectiveDate!: string;
  @ApiProperty({ example: '0.0395' }) floor!: string;
  @ApiProperty({ example: '0.0645' }) ceiling!: string;
  @ApiProperty({ example: 50 }) floorSpreadBp!: number;
  @ApiProperty({ example: 300 }) ceilingSpreadBp!: number;
}

/** The 3-working-day decision notice: when it was due, and whether it went out in time. */
export class DecisionNoticeView {
  @ApiProperty({ type: String, nullable: true }) applicationCompleteAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) calendarCovered!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) breachedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) sentAt!: string | null;
}

/** The credit decision as it stands. */
export class CreditDecisionView {
  @ApiProperty() outcome!: string;
  @ApiProperty({ type: String, nullable: true }) stage!: string | null;
  @ApiProperty({ type: String, nullable: true }) reasons!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt!: string | null;
}

/** One revaluation of a collateral item after disbursement (押品重估). */
export class CollateralValuationView {
  @ApiProperty({ example: '2027-06-30' }) valuedOn!: string;
  @ApiProperty({ example: '800000.00' }) previousValue!: string;
  @ApiProperty({ example: '760000.00' }) value!: string;
  @ApiProperty({ description: 'how the value was reached (the form’s basis)' }) basis!: string;
  @ApiProperty({ type: String, nullable: true }) basisNotes!: string | null;
  @ApiProperty() valuedBy!: string;
}

/** A collateral item as appraised at application, its value now, and its registration. */
export class CollateralView {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'the owner’s name (masked unless you serve the customer)' })
  ownerName!: string;
  @ApiProperty({ example: '800000.00' }) appraisedValue!: string;
  @ApiProperty({ description: 'the last revaluation’s value, else the appraisal' })
  currentValue!: string;
  @ApiProperty({ type: [CollateralValuationView] }) valuations!: CollateralValuationView[];
  @ApiProperty({ type: String, nullable: true }) certificateNo!: string | null;
  @ApiProperty({ type: String, nullable: true }) registryOffice!: string | null;
  @ApiProperty({ type: String, nullable: true }) registeredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) registeredBy!: string | null;
}

export class PartyView {
  @ApiProperty({ description: 'The party’s id, for a reveal of its identifiers' }) id!: string;
  @ApiProperty() role!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Masked (330106********123X); in full only through a reveal' })
  idNumber!: string;
  @ApiProperty() birthDate!: string;
  @ApiProperty({ description: 'Masked (138****8000); in full only through a reveal' })
  phone!: string;
  @ApiProperty() monthlyIncome!: string;
  @ApiProperty() monthlyDebtPayments!: string;
  @ApiProperty({ type: String, nullable: true }) relation!: string | null;
  @ApiLooseObject({
    required: false,
    nullable: true,
    description:
      'A guarantor’s assessment at the automatic checks: age, warning list, bureau grade, capacity, reasons',
  })
  assessment?: object | null;
}

export class DecisionView {
  @ApiProperty({ description: 'What was done, e.g. task.complete or decision.notice' })
  action!: string;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty() at!: string;
  @ApiProperty() outcome!: string;
  @ApiProperty({ type: String, nullable: true }) summary!: string | null;
}

/** A stored installment with what it has received. */
export class DossierInstallment extends QuotedInstallment {
  @ApiProperty({ example: '250.00' }) principalPaid!: string;
  @ApiProperty({ example: '54.91' }) interestPaid!: string;
  @ApiProperty({
    enum: ['paid', 'overdue', 'due'],
    description:
      "On the business date: paid in full, overdue, or not yet due (the domain's position)",
  })
  standing!: ScheduleStanding;
}

export class DossierSchedule {
  @ApiProperty({ type: [DossierInstallment] }) installments!: DossierInstallment[];
  @ApiProperty({ example: '1490.12' }) totalInterest!: string;
  @ApiProperty({ example: '51490.12' }) totalPayment!: string;
}

/** What a committee round voted on. */
export class CommitteeMotionView {
  @ApiProperty({ example: '500000.00' }) amount!: string;
  @ApiProperty({ example: 36 }) termMonths!: number;
  @ApiProperty({ example: '0.0435' }) annualRate!: string;
  @ApiProperty({ description: 'the motion offers other terms than those applied for' })
  counterOffer!: boolean;
}

export class CommitteeRecusalView {
  @ApiProperty() member!: string;
  @ApiProperty() reason!: string;
}

export class CommitteeBallotView {
  @ApiProperty() member!: string;
  @ApiProperty({ enum: ['approve', 'reject'] }) ballot!: string;
  @ApiProperty() reasons!: string;
  @ApiProperty() castAt!: string;
}

/** A closed round's count: quorum, approvals and the result. */
export class CommitteeCountView {
  @ApiProperty({ enum: ['approved', 'rejected', 'no-quorum'] }) result!: string;
  @ApiProperty() seats!: number;
  @ApiProperty() cast!: number;
  @ApiProperty() approve!: number;
  @ApiProperty() reject!: number;
  @ApiProperty() quorumNeeded!: number;
  @ApiProperty() approvalsNeeded!: number;
  @ApiProperty({ description: 'a round without quorum that may be convened again' })
  reconvene!: boolean;
  @ApiProperty() round!: number;
  @ApiProperty() summary!: string;
}

/** 贷审会表决: one round of the committee's vote. */
export class CommitteeVoteView {
  @ApiProperty() round!: number;
  @ApiProperty({ type: CommitteeMotionView }) motion!: CommitteeMotionView;
  @ApiProperty({ type: [String] }) seats!: string[];
  @ApiProperty({ type: [CommitteeRecusalView] }) recused!: CommitteeRecusalView[];
  @ApiProperty() openedAt!: string;
  @ApiProperty() deadlineAt!: string;
  @ApiProperty({ type: [CommitteeBallotView] }) ballots!: CommitteeBallotView[];
  @ApiProperty({ enum: ['approved', 'rejected', 'no-quorum'], type: String, nullable: true })
  result!: string | null;
  @ApiProperty({ type: CommitteeCountView, nullable: true }) count!: CommitteeCountView | null;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
}

export class LoanDossier {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'What the loan waits for now: the open task’s stage, or its status' })
  stage!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: String, nullable: true }) processInstanceKey!: string | null;
  @ApiProperty() branchCode!: string;
  @ApiProperty() customerManager!: string;
  @ApiObjectArray({ description: 'who was the customer manager when (handovers)' })
  responsibility!: {
    username: string;
    since: string;
    until: string | null;
    handoverId: string | null;
  }[];
  @ApiProperty() product!: string;
  @ApiProperty() guaranteeType!: string;
  @ApiProperty() paymentMethod!: string;
  @ApiProperty() repaymentMethod!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty({
    type: CreditInsuranceView,
    nullable: true,
    description: '贷款保证保险: the insurer and policy, when insured',
  })
  creditInsurance!: CreditInsuranceView | null;
  @ApiProperty({ type: RequestedTermsView }) requested!: RequestedTermsView;
  @ApiProperty({ type: ApprovedTermsView, nullable: true }) approved!: ApprovedTermsView | null;
  @ApiProperty({ type: String, nullable: true }) riskGrade!: string | null;
  @ApiProperty({
    type: PricingBandView,
    nullable: true,
    description:
      'The pricing grid’s rate band for the loan’s product, grade and term: floor and ceiling over the LPR',
  })
  pricing!: PricingBandView | null;
  @ApiProperty({
    description:
      'The borrower’s money held for installments not yet due (the advance account), applied as they fall due',
  })
  advance!: string;
  @ApiObjectArray({ description: 'Money due back to the borrower, and refunds paid' })
  refunds!: { id: string; amount: string; state: string; reason: string; paidAt: string | null }[];
  @ApiObjectArray({
    description:
      'Every credit decision with its terms: the review’s recommendation, each approval level, the applicant’s answer to a counter-offer, the disbursement check',
  })
  creditDecisions!: {
    kind: string;
    level: string | null;
    outcome: string;
    amount: string | null;
    termMonths: number | null;
    annualRate: string | null;
    counterOffer: boolean;
    reasons: string | null;
    decidedBy: string;
    decidedAt: string;
  }[];
  @ApiObjectArray({
    description: 'The lawsuit milestones (诉讼进展) with dates, references and documents',
  })
  legalMilestones!: object[];
  @ApiProperty({
    type: LoanPositionView,
    nullable: true,
    description:
      'The loan on the business date (asOf): days past due, overdue principal, interest and penalty, the collection band and who holds the work; null before payout',
  })
  position!: LoanPositionView | null;
  @ApiProperty({
    description:
      'Five-level classification now: normal, special-mention, substandard, doubtful, loss',
  })
  classification!: string;
  @ApiObjectArray({
    description: 'Every change of classification: level, reason, rule or actor, time',
  })
  classificationHistory!: object[];
  @ApiObjectArray({ description: 'Overdue collection episodes, open and closed' })
  collectionEpisodes!: object[];
  @ApiObjectArray({
    description: 'Post-loan inspections as planned and reported (late ones escalated)',
  })
  inspections!: object[];
  @ApiObjectArray({
    description:
      'The follow-up with the borrower after the payout (贷后回访): due date, use of funds against the purpose, contact confirmed, findings, the warning raised',
  })
  followUps!: object[];
  @ApiObjectArray({
    description:
      'Collateral revaluations (押品价值重估): each round with the principal owed, the collateral value, the LTV against its limit, the shortfall and the warning raised; each item’s own history is under collateral[].valuations',
  })
  revaluations!: object[];
  @ApiObjectArray({ description: 'Risk warnings, open and closed, with their level and signal' })
  warnings!: object[];
  @ApiObjectArray({ description: 'Extension and restructuring requests and what became of them' })
  restructurings!: object[];
  @ApiLooseObject({
    nullable: true,
    description: 'The write-off (核销), when the loan was written off',
  })
  writeOff!: object | null;
  @ApiProperty({ type: String, nullable: true }) requiredApprovalLevel!: string | null;
  @ApiProperty({ type: PartyView }) applicant!: PartyView;
  @ApiProperty({ type: [PartyView] }) guarantors!: PartyView[];
  @ApiLooseObject({
    nullable: true,
    description:
      'What the automatic checks found on credit risk: loan-to-value against its limit, second home, the applicant’s loans with the bank',
  })
  creditChecks!: object | null;
  @ApiProperty({
    type: [CollateralView],
    description:
      'Collateral items as appraised at application, with their value now and each revaluation since (valuations)',
  })
  collateral!: CollateralView[];
  @ApiProperty({ type: [String] }) documents!: string[];
  @ApiObjectArray() contracts!: object[];
  @ApiProperty({ type: DecisionNoticeView }) notice!: DecisionNoticeView;
  @ApiProperty({ type: CreditDecisionView, nullable: true }) decision!: CreditDecisionView | null;
  @ApiProperty({
    type: [DecisionView],
    description: 'Every act on the loan with its actor, from the audit trail',
  })
  decisions!: DecisionView[];
  @ApiProperty({
    type: [CommitteeVoteView],
    description:
      'The credit committee’s votes (贷审会表决): each round’s motion, seats, recusals, ballots and count',
  })
  committeeVotes!: CommitteeVoteView[];
  @ApiObjectArray() openTasks!: object[];
  @ApiLooseObject({ nullable: true }) disbursement!: object | null;
  @ApiProperty({
    type: DossierSchedule,
    nullable: true,
    description: 'The stored schedule, with what each installment has received',
  })
  schedule!: DossierSchedule | null;
  @ApiObjectArray({
    description: 'Repayments with their allocation (penalty, interest, principal)',
  })
  repayments!: object[];
  @ApiObjectArray() notifications!: object[];
}
