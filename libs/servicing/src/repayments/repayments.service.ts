import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@loanflow/audit';
import {
  addDays,
  assertDutyAllowed,
  beijingDate,
  defaultPenaltyAnnualRate,
  DomainError,
  formatIsoDate,
  isDomainError,
  messageOf,
  Money,
  parseIsoDate,
  loanPosition,
  quotePayoff,
} from '@loanflow/domain';
import { AppConfig } from '@loanflow/config';
import { asActor, auditActorOf, Principal } from '@loanflow/identity';
import { isDuplicateKeyError, LoanEntity, RepaymentEntity } from '@loanflow/persistence';
import { BusinessClock, publishOnce, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { LoanClassifier } from '../classification/loan-classifier';
import { CollectionBands } from '../collection/collection-bands';
import {
  LOAN_SETTLED_MESSAGE,
  REPAYMENT_RECEIVED_MESSAGE,
  WRITTEN_OFF_LOAN_RECOVERED_MESSAGE,
} from '../servicing.contract';
import type { StoredAllocationLine } from './loan-ledger';
import { invalidField, paymentTerms, PaymentPurpose } from './payment-application';
import { RepaymentRecords, RepaymentTransaction } from './repayment-records';
import type { RepaymentRequest } from './repayment.request';
import type { PayoffQuoteView, RepaymentView } from './repayment.views';

export type RepaymentKind = 'repayment' | 'early-settlement';

/** The loan's standing on a day, as a payment's messages carry it and its answer shows it. */
interface Position {
  asOf: string;
  daysPastDue: number;
  overduePrincipal: string;
  outstandingPrincipal: string;
  arrearsCleared: boolean;
  settled: boolean;
}

/**
 * Takes a payment: records it with its idempotency key, applies it (penalty → interest → principal,
 * oldest first), posts it to the ledger in full and tells the loan's process. A payment may be dated
 * back within a window, never before the payout; whatever its date, the loan is judged on today's
 * position (an episode cures only when nothing is overdue today). A staff-recorded payment above a
 * limit, or on a loan the recorder manages, waits for a second person's confirmation in suspense
 * (maker-checker) before it counts. On a written-off loan a payment is a recovery (账销案存).
 */
@Injectable()
export class RepaymentsService {
  private readonly logger = new Logger(RepaymentsService.name);
  private readonly overpaymentTolerance: Money;
  private readonly confirmationLimit: Money;
  private readonly backdateDays: number;

  constructor(
    private readonly register: RepaymentRecords,
    private readonly audit: AuditTrail,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly clock: BusinessClock,
    private readonly bands: CollectionBands,
    private readonly classifier: LoanClassifier,
    config: AppConfig,
  ) {
    this.overpaymentTolerance = Money.parse(config.REPAYMENT_OVERPAYMENT_TOLERANCE);
    this.confirmationLimit = Money.parse(config.REPAYMENT_CONFIRMATION_LIMIT);
    this.backdateDays = config.REPAYMENT_BACKDATE_DAYS;
  }

  /**
   * An ordinary repayment (`repayment`; a recovery on a written-off loan), or early full
   * settlement (`early-settlement`: the amount must be the payoff of the payment's day less the
   * advance held, and the schedule's later interest is revised).
   */
  async record(
    principal: Principal,
    loanId: string,
    request: RepaymentRequest,
    kind: RepaymentKind = 'repayment',
  ): Promise<RepaymentView> {
    const replay = await this.replayOf(loanId, request);
    if (replay) return replay;
    let saved: RepaymentEntity;
    try {
      saved = await this.register.transaction((tx) =>
        this.take(tx, principal, loanId, request, kind),
      );
    } catch (error) {
      // A concurrent request with the same key committed first: answer with its result.
      if (isDuplicateKeyError(error)) return (await this.replayOf(loanId, request))!;
      throw error;
    }
    const judged = saved.state === 'applied' ? await this.publishJudged(saved) : undefined;
    return this.view(saved, false, judged?.position);
  }

  async list(loanId: string): Promise<RepaymentView[]> {
    const rows = await this.register.list(loanId);
    return Promise.all(rows.map((row) => this.view(row, false)));
  }

  /**
   * The second person's confirmation of a staff-recorded payment: applied as of its date, counted
   * from now, and told to the loan's process. Never by the one who recorded it (nor by anyone the
   * loan is about, or their declared relatives): 403 SEPARATION_OF_DUTIES or CONFLICT_OF_INTEREST.
   */
  async confirm(principal: Principal, loanId: string, repaymentId: string): Promise<RepaymentView> {
    const confirmed = await this.decidePending(principal, loanId, repaymentId, 'confirm');
    const { position } = await this.publishJudged(confirmed);
    return this.view(confirmed, false, position);
  }

  /** The second person's rejection: the money goes back to the payer, nothing is applied. */
  async reject(
    principal: Principal,
    loanId: string,
    repaymentId: string,
    reason: string,
  ): Promise<RepaymentView> {
    return this.view(
      await this.decidePending(principal, loanId, repaymentId, 'reject', reason),
      false,
    );
  }

  /**
   * Publishes the payment's messages (again), judged on today's position: repayment-received
   * always; loan-settled when nothing is outstanding; for a written-off loan recovered in full, the
   * end of its recovery. Then the change of position is ruled here, not by a job of the loan's
   * process: the classification rule (floor, then collection band: a catch-up moves the work back,
   * nothing overdue today cures the episode), or for a written-off loan its band alone. Message ids
   * make a repeat a no-op, and ruling the same position again changes nothing.
   */
  async publish(repayment: RepaymentEntity): Promise<boolean> {
    return (await this.publishJudged(repayment)).published;
  }

  /** `publish`, with the position it judged on: the answer to the same request shows it. */
  private async publishJudged(
    repayment: RepaymentEntity,
  ): Promise<{ published: boolean; position: Position }> {
    const now = await this.clock.now();
    const today = beijingDate(now);
    const loan = await this.register.loan(repayment.loanId);
    if (!loan) throw new Error(`loan ${repayment.loanId} of payment ${repayment.id} is gone`);
    const position = await this.positionToday(repayment.loanId, today);
    const { settled, ...variables } = position;
    const messages: [string, number][] =
      loan.status === 'written-off'
        ? settled
          ? [[WRITTEN_OFF_LOAN_RECOVERED_MESSAGE, 24 * 3_600_000]]
          : []
        : [[REPAYMENT_RECEIVED_MESSAGE, 24 * 3_600_000]];
    if (settled && loan.status !== 'written-off')
      messages.push([LOAN_SETTLED_MESSAGE, 24 * 3_600_000]);
    try {
      for (const [name, timeToLive] of messages)
        await publishOnce(this.zeebe, {
          name,
          correlationKey: repayment.loanId,
          messageId: `${name}:${repayment.id}`,
          timeToLive,
          variables: { repaymentId: repayment.id, ...variables },
        });
      if (loan.status === 'written-off') await this.bands.reassess(repayment.loanId, today, now);
      else await this.classifier.classifyAndReassess(repayment.loanId, now, today, false);
    } catch (error) {
      this.logger.warn(
        `repayment ${repayment.id}: messages not yet published (will retry): ${messageOf(error)}`,
      );
      return { published: false, position };
    }
    await this.register.markPublished(repayment.id, new Date());
    return { published: true, position };
  }

  /** The amount that settles the loan on a business date, quoted from its ledger. */
  async payoffQuote(loanId: string, date: string | undefined): Promise<PayoffQuoteView> {
    const loan = await this.register.loan(loanId);
    if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
    const terms = paymentTerms(loan);
    const payoffDate = date ?? beijingDate(await this.clock.now());
    const ledger = await this.register.ledger(loanId);
    const quote = quotePayoff({
      ...ledger,
      payoffDate,
      disbursementDate: terms.disbursementDate,
      annualRate: terms.annualRate,
      penaltyAnnualRate: defaultPenaltyAnnualRate(terms.annualRate),
    });
    const text = (money: Money) => money.toDecimalString();
    const advance = await this.register.advanceHeld(loanId);
    return {
      loanId,
      payoffDate,
      advance: text(advance),
      toPay: text(quote.total.minus(advance)),
      outstandingPrincipal: text(quote.outstandingPrincipal),
      interestDue: text(quote.interestDue),
      penalty: text(quote.penalty),
      brokenPeriodInterest: text(quote.brokenPeriodInterest),
      brokenPeriod: quote.brokenPeriod && {
        installmentNumber: quote.brokenPeriod.installmentNumber,
        from: quote.brokenPeriod.from,
        to: quote.brokenPeriod.to,
        days: quote.brokenPeriod.days,
        principal: text(quote.brokenPeriod.principal),
      },
      total: text(quote.total),
    };
  }

  /** Records a received payment: applied now, or held in suspense for a second person. */
  private async take(
    tx: RepaymentTransaction,
    principal: Principal,
    loanId: string,
    request: RepaymentRequest,
    kind: RepaymentKind,
  ): Promise<RepaymentEntity> {
    // One payment at a time per loan: allocation reads what earlier payments left.
    const loan = await tx.lockLoan(loanId);
    if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
    const terms = paymentTerms(loan);
    const purpose: PaymentPurpose = loan.status === 'written-off' ? 'recovery' : kind;
    if (purpose === 'recovery' && kind === 'early-settlement')
      throw new DomainError(
        'LOAN_NOT_IN_SERVICING',
        `Loan ${loanId} is written off: what is paid is a recovery, not an early settlement.`,
      );
    const paidAt = new Date(request.paidAt);
    const paidOn = beijingDate(paidAt);
    const now = await this.clock.now();
    const today = beijingDate(now);
    if (paidAt.getTime() > now.getTime() + 5 * 60_000)
      throw invalidField(
        'paidAt',
        `${request.paidAt} is in the future: record a payment once it is received`,
      );
    if (paidOn < terms.disbursementDate)
      throw invalidField(
        'paidAt',
        `${paidOn} is before the loan was paid out on ${terms.disbursementDate}: no repayment can be dated before it`,
      );
    const earliest = formatIsoDate(addDays(parseIsoDate(today)!, -this.backdateDays));
    if (paidOn < earliest)
      throw invalidField(
        'paidAt',
        `${paidOn} is more than ${this.backdateDays} days ago (the earliest is ${earliest}): a payment that old is corrected by the back office, not recorded here`,
      );
    const amount = Money.parse(request.amount);
    const row: Omit<RepaymentEntity, 'id' | 'createdAt' | 'state'> = {
      loanId,
      idempotencyKey: request.idempotencyKey,
      amountMinor: amount.minorUnits.toString(),
      paidAt,
      channel: request.channel,
      kind: purpose,
      allocationJson: '[]',
      unappliedMinor: '0',
      txnId: '',
      recordedBy: principal.username,
      publishedAt: null,
      confirmedBy: null,
      confirmedAt: null,
      // An auto-debit is taken from the account in force today (an approved change included).
      debitAccount: request.channel === 'auto-debit' ? await tx.debitAccountOf(loan) : null,
    };
    const needsSecondPerson =
      amount.compare(this.confirmationLimit) > 0 || loan.customerManager === principal.username;
    if (needsSecondPerson) {
      // Maker-checker: the money is on the ledger at once, in suspense; it counts once confirmed.
      await tx.assess({
        loan,
        amount,
        paidOn,
        purpose,
        source: 'clearing',
        overpaymentTolerance: this.overpaymentTolerance,
        memo: '',
      });
      const held = await tx.addRepayment({
        ...row,
        state: 'pending',
        txnId: `SUS-${randomUUID()}`,
      });
      await tx.postToSuspense(
        { txnId: held.txnId, loanId, memo: `payment ${held.id} held for confirmation` },
        amount,
        'hold',
      );
      await tx.addDuty(loanId, {
        duty: 'repayment-recording',
        username: principal.username,
        ref: `repayment:${held.id}`,
      });
      await tx.audit({
        actor: auditActorOf(principal),
        action: `loan.${purpose}`,
        outcome: 'ok',
        loanKey: loanId,
        inputs: request,
        reason: `${request.amount} received by ${request.channel} on ${paidOn}, recorded by ${principal.username}: held until a second person confirms it (${loan.customerManager === principal.username ? 'the recorder manages the loan' : `above ${this.confirmationLimit.toDecimalString()}`})`,
      });
      return held;
    }
    const applied = await tx.addRepayment({ ...row, state: 'applied' });
    await this.applyRow(tx, loan, applied, purpose, 'clearing', principal, request);
    return applied;
  }

  /** Applies a recorded payment (just received, or confirmed out of suspense) and audits it. */
  private async applyRow(
    tx: RepaymentTransaction,
    loan: LoanEntity,
    row: RepaymentEntity,
    purpose: PaymentPurpose,
    source: 'clearing' | 'suspense',
    principal: Principal,
    inputs: unknown,
  ): Promise<void> {
    const amount = Money.ofMinor(row.amountMinor);
    const paidOn = beijingDate(row.paidAt);
    const applied = await tx.apply({
      loan,
      amount,
      paidOn,
      purpose,
      source,
      overpaymentTolerance: this.overpaymentTolerance,
      memo: `${purpose} ${row.id} of loan ${loan.id}`,
    });
    await tx.updateRepayment(row.id, {
      allocationJson: JSON.stringify(applied.lines),
      unappliedMinor: applied.toAdvance.minorUnits.toString(),
      txnId: applied.txnId,
    });
    row.allocationJson = JSON.stringify(applied.lines);
    row.unappliedMinor = applied.toAdvance.minorUnits.toString();
    row.txnId = applied.txnId;
    await tx.audit({
      actor: auditActorOf(principal),
      action: source === 'suspense' ? 'loan.repayment-confirm' : `loan.${purpose}`,
      outcome: 'ok',
      loanKey: loan.id,
      inputs,
      reason: `${amount.toDecimalString()} received by ${row.channel} on ${paidOn}${source === 'suspense' ? `, recorded by ${row.recordedBy}, confirmed by ${principal.username}` : ''}: ${applied.lines
        .map((l) => `${l.category} #${l.installmentNumber} ${l.amount}`)
        .join(
          ', ',
        )}${applied.toAdvance.isZero() ? '' : `; ${applied.toAdvance.toDecimalString()} not yet due, held in the borrower's advance account`}${applied.fromAdvance.isZero() ? '' : `; ${applied.fromAdvance.toDecimalString()} taken from the advance account`}${purpose === 'recovery' ? ' (recovery on a written-off loan)' : ''}`,
    });
  }

  private async decidePending(
    principal: Principal,
    loanId: string,
    repaymentId: string,
    decision: 'confirm' | 'reject',
    reason?: string,
  ): Promise<RepaymentEntity> {
    try {
      return await this.register.transaction(async (tx) => {
        const loan = await tx.lockLoan(loanId);
        const row = /^\d{1,18}$/.test(repaymentId) ? await tx.repayment(repaymentId, loanId) : null;
        if (!loan || !row)
          throw new DomainError(
            'REPAYMENT_NOT_FOUND',
            `Loan ${loanId} has no payment ${repaymentId}.`,
          );
        if (row.state !== 'pending')
          throw new DomainError(
            'REPAYMENT_NOT_PENDING',
            `Payment ${repaymentId} is ${row.state}: only a payment awaiting confirmation is confirmed or rejected.`,
          );
        await this.assertSecondPerson(tx, principal, loanId, row);
        const changes = {
          state: decision === 'confirm' ? ('applied' as const) : ('rejected' as const),
          confirmedBy: principal.username,
          confirmedAt: new Date(),
        };
        await tx.updateRepayment(row.id, changes);
        Object.assign(row, changes);
        await tx.addDuty(loanId, {
          duty: 'repayment-confirmation',
          username: principal.username,
          ref: `repayment:${row.id}`,
        });
        if (decision === 'confirm')
          await this.applyRow(tx, loan, row, row.kind as PaymentPurpose, 'suspense', principal, {
            repaymentId,
          });
        else {
          const amount = Money.ofMinor(row.amountMinor);
          await tx.postToSuspense(
            {
              txnId: `RET-${randomUUID()}`,
              loanId,
              memo: `payment ${row.id} returned to the payer`,
            },
            amount,
            'return',
          );
          await tx.audit({
            actor: auditActorOf(principal),
            action: 'loan.repayment-reject',
            outcome: 'ok',
            loanKey: loanId,
            reason: `payment ${row.id} of ${amount.toDecimalString()} recorded by ${row.recordedBy} rejected by ${principal.username}, returned to the payer: ${reason}`,
          });
        }
        return row;
      });
    } catch (error) {
      if (isDomainError(error) && error.code !== 'REPAYMENT_NOT_FOUND')
        await this.audit.record({
          actor: auditActorOf(principal),
          action: `loan.repayment-${decision}`,
          outcome: 'refused',
          loanKey: loanId,
          reason: `payment ${repaymentId}: ${error.code}: ${error.message}`,
        });
      throw error;
    }
  }

  /** Maker-checker: the confirmer did not record it, and the loan is not theirs or a relative's. */
  private async assertSecondPerson(
    tx: RepaymentTransaction,
    principal: Principal,
    loanId: string,
    row: RepaymentEntity,
  ): Promise<void> {
    const [parties, duties] = await Promise.all([
      tx.parties(loanId),
      tx.duties(loanId, `repayment:${row.id}`),
    ]);
    assertDutyAllowed(
      asActor(principal),
      'repayment-confirmation',
      duties.map((d) => ({
        duty: d.duty as 'repayment-recording',
        username: d.username,
        ref: d.ref,
      })),
      {
        applicantIdNumber: parties.find((p) => p.role === 'applicant')?.idNumber ?? null,
        guarantorIdNumbers: parties.filter((p) => p.role === 'guarantor').map((p) => p.idNumber),
      },
      { ref: `repayment:${row.id}` },
    );
  }

  private async replayOf(loanId: string, request: RepaymentRequest): Promise<RepaymentView | null> {
    const first = await this.register.byKey(loanId, request.idempotencyKey);
    if (!first) return null;
    if (first.amountMinor !== Money.parse(request.amount).minorUnits.toString())
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        `Key ${request.idempotencyKey} was used for a payment of ${Money.ofMinor(first.amountMinor).toDecimalString()}; this one is ${request.amount}. Use a new key for a new payment.`,
      );
    return this.view(first, true);
  }

  private async positionToday(loanId: string, today: string): Promise<Position> {
    const position = loanPosition({ ...(await this.register.ledger(loanId)), asOf: today });
    return {
      asOf: today,
      daysPastDue: position.daysPastDue,
      overduePrincipal: position.overduePrincipal.toDecimalString(),
      outstandingPrincipal: position.outstandingPrincipal.toDecimalString(),
      arrearsCleared: position.overdueInstallments.length === 0,
      settled: position.settled,
    };
  }

  /** The payment as the api answers it, with the loan's position today (`known`: already read). */
  private async view(
    row: RepaymentEntity,
    replayed: boolean,
    known?: Position,
  ): Promise<RepaymentView> {
    const { settled: _settled, ...position } =
      known ?? (await this.positionToday(row.loanId, beijingDate(await this.clock.now())));
    return {
      id: row.id,
      loanId: row.loanId,
      kind: row.kind,
      state: row.state,
      amount: Money.ofMinor(row.amountMinor).toDecimalString(),
      paidAt: row.paidAt.toISOString(),
      channel: row.channel,
      recordedBy: row.recordedBy,
      confirmedBy: row.confirmedBy,
      allocation: JSON.parse(row.allocationJson) as StoredAllocationLine[],
      unapplied: Money.ofMinor(row.unappliedMinor).toDecimalString(),
      position,
      replayed,
      debitAccount: row.debitAccount ?? null,
    };
  }
}
