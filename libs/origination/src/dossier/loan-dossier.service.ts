import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { AppConfig } from '@loanflow/config';
import {
  DomainError,
  itemAt,
  LoanProduct,
  Money,
  originationStageOf,
  rateBounds,
  RISK_GRADES,
  RiskGrade,
  ScheduleStanding,
  VoteCount,
} from '@loanflow/domain';
import {
  candidatesOf,
  LoanEntity,
  LoanInstallmentEntity,
  LoanPartyEntity,
} from '@loanflow/persistence';
import { BusinessClock } from '@loanflow/workflow';
import { DossierRecords, LoanDossierReads } from './loan-dossier.reads';
import { installmentStandings, loanPositionView } from './loan-position.view';
import type { DossierSchedule, LoanDossier, PartyView } from './loan-dossier.view';
import { LoanRecords } from '@loanflow/loans';

const yuan = (minor: string | null): string | null =>
  minor === null ? null : Money.ofMinor(minor).toDecimalString();

/** The loan file as staff read it: parties, terms, stage, every decision with its actor, the schedule. */
@Injectable()
export class LoanDossierService {
  constructor(
    private readonly reads: LoanDossierReads,
    private readonly records: LoanRecords,
    private readonly audit: AuditTrail,
    private readonly config: AppConfig,
    private readonly clock: BusinessClock,
  ) {}

  /** The rate band of the pricing grid for the loan's product, grade and term (approved or asked). */
  /** 贷后管理责任移交: who was the loan's customer manager when, from its handovers. */
  /** 贷审会表决: each round with its seats, recusals, ballots and count. */
  private committeeVotesOf({ committeeVotes: votes, committeeBallots: ballots }: DossierRecords) {
    return votes.map((vote) => ({
      round: vote.round,
      motion: {
        amount: yuan(vote.motionAmountMinor)!,
        termMonths: vote.motionTermMonths,
        annualRate: vote.motionAnnualRate,
        counterOffer: vote.motionCounterOffer === 1,
      },
      seats: JSON.parse(vote.seatsJson) as string[],
      recused: JSON.parse(vote.recusedJson) as { member: string; reason: string }[],
      openedAt: vote.openedAt.toISOString(),
      deadlineAt: vote.deadlineAt.toISOString(),
      ballots: ballots
        .filter((b) => b.voteId === vote.id)
        .map((b) => ({
          member: b.member,
          ballot: b.ballot,
          reasons: b.reasons,
          castAt: b.castAt.toISOString(),
        })),
      result: vote.result,
      count: vote.countJson ? (JSON.parse(vote.countJson) as VoteCount) : null,
      closedAt: vote.closedAt?.toISOString() ?? null,
    }));
  }

  private responsibilityOf(
    loan: LoanEntity,
    { handovers: moves }: DossierRecords,
  ): { username: string; since: string; until: string | null; handoverId: string | null }[] {
    const spans = [
      {
        username: moves[0]?.fromUser ?? loan.customerManager,
        since: loan.createdAt.toISOString(),
        until: null as string | null,
        handoverId: null as string | null,
      },
    ];
    for (const move of moves) {
      const at = move.handedAt.toISOString();
      itemAt(spans, -1, 'the holders so far').until = at;
      spans.push({ username: move.toUser, since: at, until: null, handoverId: move.id });
    }
    return spans;
  }

  private pricingOf(loan: LoanEntity): LoanDossier['pricing'] {
    if (!(RISK_GRADES as readonly string[]).includes(loan.riskGrade ?? '')) return null;
    const bounds = rateBounds(
      loan.product as LoanProduct,
      loan.riskGrade as RiskGrade,
      loan.termMonths ?? loan.requestedTermMonths,
      {
        lpr1y: this.config.REFERENCE_LPR_1Y,
        lpr5y: this.config.REFERENCE_LPR_5Y,
        effectiveDate: this.config.REFERENCE_LPR_DATE,
      },
    );
    const { basis, reference, effectiveDate, floor, ceiling, floorSpreadBp, ceilingSpreadBp } =
      bounds;
    return { basis, reference, effectiveDate, floor, ceiling, floorSpreadBp, ceilingSpreadBp };
  }

  async dossier(loanId: string): Promise<LoanDossier> {
    const file = await this.records.file(loanId);
    // The access policy has found the loan in the reader's scope before this runs.
    if (!file) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
    const { loan, applicant, guarantors, collateral, contracts } = file;
    const [trail, records] = await Promise.all([
      this.audit.forLoan(loanId),
      this.reads.recordsOf(loanId),
    ]);
    const {
      openTasks,
      disbursement,
      installments,
      notifications,
      repayments,
      classifications,
      episodes,
      inspections,
      warnings,
      restructurings,
      writeOff,
      creditDecisions,
      advanceAccount,
      refunds,
      legalMilestones,
      followUps,
      revaluations,
      valuations,
    } = records;
    // An origination task names the stage; after disbursement the status does (post-loan tasks
    // such as inspections run beside the loan's life and are listed under openTasks).
    const asOf = await this.clock.today();
    const stage =
      openTasks.map((task) => originationStageOf(task.formKey)).find((s) => s !== null) ??
      loan.status;
    return {
      id: loan.id,
      stage,
      status: loan.status,
      processInstanceKey: loan.processInstanceKey,
      branchCode: loan.branchCode,
      customerManager: loan.customerManager,
      responsibility: this.responsibilityOf(loan, records),
      product: loan.product,
      guaranteeType: loan.guaranteeType,
      paymentMethod: loan.paymentMethod,
      repaymentMethod: loan.repaymentMethod,
      purpose: loan.purpose,
      creditInsurance:
        loan.insurer && loan.insurancePolicyNo
          ? { insurer: loan.insurer, policyNo: loan.insurancePolicyNo }
          : null,
      requested: { amount: yuan(loan.requestedAmountMinor)!, termMonths: loan.requestedTermMonths },
      approved:
        loan.amountMinor && loan.termMonths && loan.annualRate
          ? {
              amount: yuan(loan.amountMinor)!,
              termMonths: loan.termMonths,
              annualRate: loan.annualRate,
            }
          : null,
      riskGrade: loan.riskGrade,
      pricing: this.pricingOf(loan),
      // The borrower's money held for installments not yet due (the account's credit balance).
      advance: Money.ofMinor(advanceAccount?.balanceMinor ?? '0')
        .negate()
        .toDecimalString(),
      refunds: refunds.map((r) => ({
        id: r.id,
        amount: yuan(r.amountMinor)!,
        state: r.state,
        reason: r.reason,
        paidAt: r.paidAt?.toISOString() ?? null,
      })),
      committeeVotes: this.committeeVotesOf(records),
      creditDecisions: creditDecisions.map((d) => ({
        kind: d.kind,
        level: d.level,
        outcome: d.outcome,
        amount: yuan(d.amountMinor),
        termMonths: d.termMonths,
        annualRate: d.annualRate,
        counterOffer: d.counterOffer === 1,
        reasons: d.reasons,
        decidedBy: d.decidedBy,
        decidedAt: d.decidedAt.toISOString(),
      })),
      position: loanPositionView({ asOf, loan, installments, repayments, episodes }),
      classification: loan.classification,
      classificationHistory: classifications.map((c) => ({
        level: c.level,
        previousLevel: c.previousLevel,
        daysPastDue: c.daysPastDue,
        source: c.source,
        reason: c.reason,
        actor: c.actor,
        decidedAt: c.decidedAt.toISOString(),
      })),
      collectionEpisodes: episodes.map((e) => ({
        id: e.id,
        state: e.state,
        openedAt: e.openedAt.toISOString(),
        openedDaysPastDue: e.openedDaysPastDue,
        band: e.band,
        daysPastDue: e.daysPastDue,
        bandSince: e.bandSince?.toISOString() ?? null,
        closedAt: e.closedAt?.toISOString() ?? null,
        closeReason: e.closeReason,
      })),
      inspections: inspections.map((i) => ({
        number: i.number,
        kind: i.kind,
        opensOn: i.opensOn,
        dueOn: i.dueOn,
        completedOn: i.completedOn,
        inspector: i.inspector,
        late: i.escalatedAt !== null || (i.completedOn !== null && i.completedOn > i.dueOn),
        report: i.reportJson ? (JSON.parse(i.reportJson) as object) : null,
      })),
      followUps: followUps.map((f) => {
        const report = f.reportJson ? (JSON.parse(f.reportJson) as Record<string, unknown>) : null;
        return {
          dueOn: f.dueOn,
          completedOn: f.completedOn,
          completedBy: f.completedBy,
          late:
            f.escalatedAt !== null ||
            (f.completedOn !== null ? f.completedOn > f.dueOn : asOf > f.dueOn),
          useOfFunds: f.useOfFunds,
          fundsNotes: (report?.fundsNotes as string | undefined) ?? null,
          contactConfirmed: f.contactConfirmed === null ? null : f.contactConfirmed === 1,
          contactNotes: (report?.contactNotes as string | undefined) ?? null,
          findings: (report?.findings as string | undefined) ?? null,
          warningLevel: f.warningLevel,
        };
      }),
      revaluations: revaluations.map((r) => ({
        number: r.number,
        opensOn: r.opensOn,
        dueOn: r.dueOn,
        completedOn: r.completedOn,
        valuedBy: r.valuedBy,
        late:
          r.escalatedAt !== null ||
          (r.completedOn !== null ? r.completedOn > r.dueOn : asOf > r.dueOn),
        outstandingPrincipal: yuan(r.outstandingPrincipalMinor),
        collateralValue: yuan(r.collateralValueMinor),
        lendableValue: yuan(r.lendableValueMinor),
        ltv: r.ltv,
        ltvLimit: r.ltvLimit,
        withinLimit: r.withinLimit === null ? null : r.withinLimit === 1,
        shortfall: yuan(r.shortfallMinor),
        warningLevel: r.warningLevel,
        remarks: r.remarks,
      })),
      warnings: warnings.map((w) => ({
        id: w.id,
        level: w.level,
        signal: w.signal,
        description: w.description,
        raisedBy: w.raisedBy,
        raisedAt: w.raisedAt.toISOString(),
        state: w.state,
        closedAt: w.closedAt?.toISOString() ?? null,
        resolution: w.resolution,
      })),
      restructurings: restructurings.map((r) => ({
        id: r.id,
        kind: r.kind,
        extraMonths: r.extraMonths,
        reason: r.reason,
        requestedBy: r.requestedBy,
        state: r.state,
        decidedBy: r.decidedBy,
        outcome: r.outcome,
      })),
      writeOff: writeOff && {
        principal: yuan(writeOff.principalMinor),
        interest: yuan(writeOff.interestMinor),
        approvedBy: writeOff.approvedBy,
        reason: writeOff.reason,
        writtenOffAt: writeOff.writtenOffAt.toISOString(),
        // 账销案存: what was recovered since, credited back to the allowance and recovery income.
        recovered: repayments
          .filter((r) => r.kind === 'recovery' && r.state === 'applied')
          .reduce((sum, r) => sum.plus(Money.ofMinor(r.amountMinor)), Money.zero())
          .toDecimalString(),
      },
      legalMilestones: legalMilestones.map((m) => ({
        milestone: m.milestone,
        on: m.onDate,
        court: m.court,
        caseNumber: m.caseNumber,
        reference: m.reference,
        amountAwarded: yuan(m.amountAwardedMinor),
        amountRecovered: yuan(m.amountRecoveredMinor),
        documents: JSON.parse(m.documentsJson) as object[],
        notes: m.notes,
        recordedBy: m.recordedBy,
        recordedAt: m.recordedAt.toISOString(),
      })),
      requiredApprovalLevel: loan.requiredApprovalLevel,
      applicant: partyView(applicant),
      guarantors: guarantors.map((party) => ({
        ...partyView(party),
        assessment: party.assessmentJson ? (JSON.parse(party.assessmentJson) as object) : null,
      })),
      creditChecks: creditChecksOf(loan),
      collateral: collateral.map((item) => ({
        id: item.id,
        kind: item.kind,
        description: item.description,
        ownerName: item.ownerName,
        appraisedValue: Money.ofMinor(item.appraisedValueMinor).toDecimalString(),
        // The value now: the last revaluation's, else the appraisal at application.
        currentValue: Money.ofMinor(
          valuations.filter((v) => String(v.collateralId) === String(item.id)).at(-1)?.valueMinor ??
            item.appraisedValueMinor,
        ).toDecimalString(),
        valuations: valuations
          .filter((v) => String(v.collateralId) === String(item.id))
          .map((v) => ({
            valuedOn: v.valuedOn,
            previousValue: Money.ofMinor(v.previousValueMinor).toDecimalString(),
            value: Money.ofMinor(v.valueMinor).toDecimalString(),
            basis: v.basis,
            basisNotes: v.basisNotes,
            valuedBy: v.valuedBy,
          })),
        certificateNo: item.certificateNo,
        registryOffice: item.registryOffice,
        registeredAt: item.registeredAt?.toISOString() ?? null,
        registeredBy: item.registeredBy,
      })),
      documents: JSON.parse(loan.documents) as string[],
      contracts: contracts.map((contract) => ({
        kind: contract.kind,
        contractNo: contract.contractNo,
        partyIdNumber: contract.partyIdNumber,
        effectiveFrom: contract.effectiveFrom,
        recordedBy: contract.recordedBy,
      })),
      notice: {
        applicationCompleteAt: loan.applicationCompleteAt?.toISOString() ?? null,
        dueAt: loan.noticeDueAt?.toISOString() ?? null,
        calendarCovered:
          loan.noticeCalendarCovered === null ? null : loan.noticeCalendarCovered === 1,
        breachedAt: loan.noticeBreachedAt?.toISOString() ?? null,
        sentAt: loan.noticeSentAt?.toISOString() ?? null,
      },
      decision: loan.decisionOutcome
        ? {
            outcome: loan.decisionOutcome,
            stage: loan.decisionStage,
            reasons: loan.decisionReasons,
            decidedAt: loan.decidedAt?.toISOString() ?? null,
          }
        : null,
      decisions: trail.map((entry) => ({
        action: entry.action,
        actor: entry.actor,
        actorRoles: entry.actorRoles ? entry.actorRoles.split(',') : [],
        at: entry.at.toISOString(),
        outcome: entry.outcome,
        summary: entry.reason,
      })),
      openTasks: openTasks.map((task) => ({
        id: task.id,
        type: task.formKey,
        stage: originationStageOf(task.formKey) ?? task.formKey,
        assignee: task.assignee,
        candidateGroups: candidatesOf(task).candidateGroups,
        dueAt: task.dueAt?.toISOString() ?? null,
        createdAt: task.createdAt.toISOString(),
      })),
      disbursement: disbursement
        ? {
            txnId: disbursement.txnId,
            amount: yuan(disbursement.amountMinor),
            paymentMethod: disbursement.paymentMethod,
            payeeName: disbursement.payeeName,
            payeeAccount: disbursement.payeeAccount,
            disbursedAt: disbursement.disbursedAt.toISOString(),
          }
        : null,
      schedule: installments.length
        ? scheduleOf(installments, installmentStandings({ asOf, installments, repayments }))
        : null,
      repayments: repayments.map((repayment) => ({
        id: repayment.id,
        amount: yuan(repayment.amountMinor),
        paidAt: repayment.paidAt.toISOString(),
        channel: repayment.channel,
        kind: repayment.kind,
        state: repayment.state,
        confirmedBy: repayment.confirmedBy,
        allocation: JSON.parse(repayment.allocationJson) as object[],
        unapplied: yuan(repayment.unappliedMinor),
        recordedBy: repayment.recordedBy,
      })),
      notifications: notifications.map((notice) => ({
        kind: notice.kind,
        channel: notice.channel,
        recipient: notice.recipient,
        subject: notice.subject,
        sentAt: notice.sentAt.toISOString(),
      })),
    };
  }
}

/** The checks' findings without the guarantors (shown on each guarantor instead). */
function creditChecksOf(loan: LoanEntity): object | null {
  if (!loan.creditChecksJson) return null;
  const { guarantors: _guarantors, ...checks } = JSON.parse(loan.creditChecksJson) as {
    guarantors?: unknown;
  };
  return checks;
}

function partyView(party: LoanPartyEntity): PartyView {
  return {
    id: party.id,
    role: party.role,
    name: party.name,
    idNumber: party.idNumber,
    birthDate: party.birthDate,
    phone: party.phone,
    monthlyIncome: yuan(party.monthlyIncomeMinor)!,
    monthlyDebtPayments: yuan(party.monthlyDebtMinor)!,
    relation: party.relation,
  };
}

function scheduleOf(
  installments: LoanInstallmentEntity[],
  standings: Map<number, ScheduleStanding>,
): DossierSchedule {
  let interest = Money.zero();
  let payment = Money.zero();
  for (const line of installments) {
    interest = interest.plus(Money.ofMinor(line.interestMinor));
    payment = payment.plus(Money.ofMinor(line.paymentMinor));
  }
  return {
    installments: installments.map((line) => ({
      number: line.number,
      dueDate: line.dueDate,
      payment: yuan(line.paymentMinor)!,
      principal: yuan(line.principalMinor)!,
      interest: yuan(line.interestMinor)!,
      balance: yuan(line.balanceMinor)!,
      principalPaid: yuan(line.principalPaidMinor)!,
      interestPaid: yuan(line.interestPaidMinor)!,
      standing: standings.get(line.number) ?? 'due',
    })),
    totalInterest: interest.toDecimalString(),
    totalPayment: payment.toDecimalString(),
  };
}
