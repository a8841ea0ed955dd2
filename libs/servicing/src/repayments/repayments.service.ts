import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import {
  allocateRepayment,
  AppliedAmount,
  beijingDate,
  defaultPenaltyAnnualRate,
  DomainError,
  Money,
  quotePayoff,
  settleEarly,
} from '@loanflow/domain';
import { auditActorOf, Principal } from '@loanflow/identity';
import { AppConfig } from '@loanflow/config';
import {
  isDuplicateKeyError,
  LoanEntity,
  LoanInstallmentEntity,
  RepaymentEntity,
} from '@loanflow/persistence';
import { BusinessClock, publishOnce, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import {
  ARREARS_CLEARED_MESSAGE,
  LOAN_SETTLED_MESSAGE,
  REPAYMENT_RECEIVED_MESSAGE,
} from '../servicing.contract';
import { advanceBalance, postApplication } from './loan-accounts';
import { applyToInstallments, positionOn, readLedger, StoredAllocationLine } from './loan-ledger';
import type { RepaymentRequest } from './repayment.request';

export interface RepaymentView {
  id: string;
  loanId: string;
  amount: string;
  paidAt: string;
  channel: string;
  allocation: StoredAllocationLine[];
  unapplied: string;
  /** The loan after this payment, on its date. */
  position: {
    daysPastDue: number;
    overduePrincipal: string;
    outstandingPrincipal: string;
    arrearsCleared: boolean;
  };
  /** True when this is the first result returned again for a repeated request. */
  replayed: boolean;
}

const SERVICED: readonly string[] = ['disbursed'];

export type RepaymentKind = 'repayment' | 'early-settlement';

export interface PayoffQuoteView {
  loanId: string;
  payoffDate: string;
  outstandingPrincipal: string;
  interestDue: string;
  penalty: string;
  brokenPeriodInterest: string;
  brokenPeriod: {
    installmentNumber: number;
    from: string;
    to: string;
    days: number;
    principal: string;
  } | null;
  total: string;
  /** What the borrower holds in advance, counted towards the payoff. */
  advance: string;
  /** What settles the loan on the day: the total less the advance. */
  toPay: string;
}

/** A loan that takes repayments: disbursed, with its rate and disbursement date. */
function servicedTerms(loan: LoanEntity): { annualRate: string; disbursementDate: string } {
  if (!SERVICED.includes(loan.status) || !loan.annualRate || !loan.disbursedAt)
    throw new DomainError(
      'LOAN_NOT_IN_SERVICING',
      `Loan ${loan.id} is ${loan.status}: only a disbursed loan takes repayments.`,
    );
  return { annualRate: loan.annualRate, disbursementDate: beijingDate(loan.disbursedAt) };
}

/**
 * Takes a repayment: allocates it (penalty → interest → principal, oldest first), posts it to the
 * ledger, records it with its idempotency key and tells the loan's process. The same key again
 * returns the first result and posts nothing; the same key with another amount is refused.
 */
@Injectable()
export class RepaymentsService {
  private readonly logger = new Logger(RepaymentsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly clock: BusinessClock,
    config: AppConfig,
  ) {
    this.overpaymentTolerance = Money.parse(config.REPAYMENT_OVERPAYMENT_TOLERANCE);
  }

  /** How much a payment may exceed what the whole loan owes (held, then refunded at settlement). */
  private readonly overpaymentTolerance: Money;

  /**
   * An ordinary repayment (`repayment`), or early full settlement (`early-settlement`): the amount
   * must then be the payoff of the payment's day, and the schedule's later interest is revised.
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
      saved = await this.dataSource.transaction((manager) =>
        this.post(manager, principal, loanId, request, kind),
      );
    } catch (error) {
      // A concurrent request with the same key committed first: answer with its result.
      if (isDuplicateKeyError(error)) return (await this.replayOf(loanId, request))!;
      throw error;
    }
    await this.publish(saved);
    return this.view(saved, false);
  }

  async list(loanId: string): Promise<RepaymentView[]> {
    const rows = await this.dataSource
      .getRepository(RepaymentEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });
    return Promise.all(rows.map((row) => this.view(row, false)));
  }

  /**
   * Publishes the repayment's messages (again): repayment-received always; arrears-cleared when
   * nothing is overdue any more (no time to live: it cures an episode open now, never a later
   * one); loan-settled when nothing is outstanding. Message ids make a repeat a no-op.
   */
  async publish(repayment: RepaymentEntity): Promise<boolean> {
    const position = await this.positionAfter(repayment);
    const { settled, ...variables } = position;
    const messages: [string, number][] = [[REPAYMENT_RECEIVED_MESSAGE, 24 * 3_600_000]];
    if (position.arrearsCleared) messages.push([ARREARS_CLEARED_MESSAGE, 0]);
    if (settled) messages.push([LOAN_SETTLED_MESSAGE, 24 * 3_600_000]);
    for (const [name, timeToLive] of messages) {
      try {
        await publishOnce(this.zeebe, {
          name,
          correlationKey: repayment.loanId,
          messageId: `${name}:${repayment.id}`,
          timeToLive,
          variables: { repaymentId: repayment.id, ...variables },
        });
      } catch (error) {
        this.logger.warn(
          `repayment ${repayment.id}: ${name} not yet published (will retry): ${(error as Error).message}`,
        );
        return false;
      }
    }
    await this.dataSource
      .getRepository(RepaymentEntity)
      .update({ id: repayment.id }, { publishedAt: new Date() });
    return true;
  }

  /** The amount that settles the loan on a business date, quoted from its ledger. */
  async payoffQuote(loanId: string, date: string | undefined): Promise<PayoffQuoteView> {
    const loan = await this.dataSource.getRepository(LoanEntity).findOneBy({ id: loanId });
    if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
    const terms = servicedTerms(loan);
    const payoffDate = date ?? beijingDate(await this.clock.now());
    const ledger = await readLedger(this.dataSource.manager, loanId);
    const quote = quotePayoff({
      ...ledger,
      payoffDate,
      disbursementDate: terms.disbursementDate,
      annualRate: terms.annualRate,
      penaltyAnnualRate: defaultPenaltyAnnualRate(terms.annualRate),
    });
    const text = (money: Money) => money.toDecimalString();
    const advance = await advanceBalance(this.dataSource.manager, loanId);
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

  private async post(
    manager: EntityManager,
    principal: Principal,
    loanId: string,
    request: RepaymentRequest,
    kind: RepaymentKind,
  ): Promise<RepaymentEntity> {
    // One payment at a time per loan: allocation reads what earlier payments left.
    const loan = await manager.findOne(LoanEntity, {
      where: { id: loanId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
    const terms = servicedTerms(loan);
    const paidAt = new Date(request.paidAt);
    const paidOn = beijingDate(paidAt);
    const now = await this.clock.now();
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
    const ledger = await readLedger(manager, loanId);
    const amount = Money.parse(request.amount);
    const penaltyAnnualRate = defaultPenaltyAnnualRate(terms.annualRate);
    // What the borrower already holds in advance counts towards what they owe.
    const advance = await advanceBalance(manager, loanId);
    const payoff = quotePayoff({
      ...ledger,
      payoffDate: paidOn,
      disbursementDate: terms.disbursementDate,
      annualRate: terms.annualRate,
      penaltyAnnualRate,
    }).total.minus(advance);
    if (kind === 'repayment' && amount.compare(payoff.plus(this.overpaymentTolerance)) > 0)
      throw invalidField(
        'amount',
        `${amount.toDecimalString()} is more than the whole loan owes on ${paidOn} (${payoff.toDecimalString()}${this.overpaymentTolerance.isZero() ? '' : ` plus a tolerance of ${this.overpaymentTolerance.toDecimalString()}`}): take the payoff as an early settlement, or return the excess to the payer`,
      );
    const allocation =
      kind === 'repayment'
        ? allocateRepayment({ ...ledger, amount, paidOn, penaltyAnnualRate })
        : await this.settleEarly(manager, loanId, {
            ...ledger,
            amount: amount.plus(advance),
            payoffDate: paidOn,
            disbursementDate: terms.disbursementDate,
            annualRate: terms.annualRate,
            penaltyAnnualRate,
          });
    const fromAdvance = kind === 'repayment' ? Money.zero() : advance;
    const lines: StoredAllocationLine[] = allocation.lines.map((line) => ({
      installmentNumber: line.installmentNumber,
      category: line.category,
      amount: line.amount.toDecimalString(),
      paidOn: line.paidOn,
    }));
    const txnId = `RPY-${randomUUID()}`;
    const repayment = manager.create(RepaymentEntity, {
      loanId,
      idempotencyKey: request.idempotencyKey,
      amountMinor: amount.minorUnits.toString(),
      paidAt,
      channel: request.channel,
      allocationJson: JSON.stringify(lines),
      unappliedMinor: allocation.unapplied.minorUnits.toString(),
      txnId,
      recordedBy: principal.username,
      publishedAt: null,
    });
    await manager.insert(RepaymentEntity, repayment);
    await applyToInstallments(manager, loanId, allocation.lines);
    // Every yuan received is on the ledger: what was due to the loan, the rest to the advance.
    await postApplication(
      manager,
      { txnId, loanId, memo: `${kind} of loan ${loanId}` },
      { received: amount, fromAdvance },
      allocation.lines,
      allocation.unapplied,
    );
    await this.audit.append(manager, {
      actor: auditActorOf(principal),
      action: kind === 'repayment' ? 'loan.repayment' : 'loan.early-settlement',
      outcome: 'ok',
      loanKey: loanId,
      inputs: request,
      reason: `${request.amount} received by ${request.channel} on ${allocation.paidOn}: ${lines
        .map((l) => `${l.category} #${l.installmentNumber} ${l.amount}`)
        .join(
          ', ',
        )}${allocation.unapplied.isZero() ? '' : `; ${allocation.unapplied.toDecimalString()} not yet due, held in the borrower's advance account`}${fromAdvance.isZero() ? '' : `; ${fromAdvance.toDecimalString()} taken from the advance account`}`,
    });
    return repayment;
  }

  /** Revises the later installments' interest and returns the allocation of the payoff. */
  private async settleEarly(
    manager: EntityManager,
    loanId: string,
    request: Parameters<typeof settleEarly>[0],
  ): Promise<{ paidOn: string; lines: AppliedAmount[]; unapplied: Money }> {
    const settled = settleEarly(request);
    for (const { installmentNumber, interest } of settled.revisedInterest)
      await manager.update(
        LoanInstallmentEntity,
        { loanId, number: installmentNumber },
        { interestMinor: interest.minorUnits.toString() },
      );
    return { paidOn: request.payoffDate, lines: settled.lines, unapplied: Money.zero() };
  }

  private async replayOf(loanId: string, request: RepaymentRequest): Promise<RepaymentView | null> {
    const first = await this.dataSource
      .getRepository(RepaymentEntity)
      .findOneBy({ loanId, idempotencyKey: request.idempotencyKey });
    if (!first) return null;
    if (first.amountMinor !== Money.parse(request.amount).minorUnits.toString())
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        `Key ${request.idempotencyKey} was used for a payment of ${Money.ofMinor(first.amountMinor).toDecimalString()}; this one is ${request.amount}. Use a new key for a new payment.`,
      );
    return this.view(first, true);
  }

  private async positionAfter(repayment: RepaymentEntity) {
    const position = await positionOn(
      this.dataSource.manager,
      repayment.loanId,
      beijingDate(repayment.paidAt),
    );
    return {
      daysPastDue: position.daysPastDue,
      overduePrincipal: position.overduePrincipal.toDecimalString(),
      outstandingPrincipal: position.outstandingPrincipal.toDecimalString(),
      arrearsCleared: position.overdueInstallments.length === 0,
      settled: position.settled,
    };
  }

  private async view(row: RepaymentEntity, replayed: boolean): Promise<RepaymentView> {
    return {
      id: row.id,
      loanId: row.loanId,
      amount: Money.ofMinor(row.amountMinor).toDecimalString(),
      paidAt: row.paidAt.toISOString(),
      channel: row.channel,
      allocation: JSON.parse(row.allocationJson) as StoredAllocationLine[],
      unapplied: Money.ofMinor(row.unappliedMinor).toDecimalString(),
      position: await this.positionAfter(row).then(({ settled: _settled, ...rest }) => rest),
      replayed,
    };
  }
}

/** A refusal naming the field, as the API answers bad input (400). */
function invalidField(field: string, reason: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field} ${reason}.`, {
    fieldErrors: [{ field, reasons: [reason] }],
  });
}
