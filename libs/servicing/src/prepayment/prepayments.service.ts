import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import {
  beijingDate,
  DomainError,
  Money,
  PartPrepaymentOption,
  PartPrepaymentRules,
} from '@loanflow/domain';
import { AppConfig } from '@loanflow/config';
import { auditActorOf, Principal } from '@loanflow/identity';
import { LoanPrepaymentEntity } from '@loanflow/persistence';
import { BusinessClock, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { PREPAYMENT_PROCESS_ID } from '../servicing.contract';
import { judgePrepayment, prepaymentRules, quoteView } from './prepayment-rules';
import { PrepaymentQuoteView, PrepaymentView } from './prepayment.views';
import { startReviewOrWithdraw } from '../requests/start-review-or-withdraw';
import { fileRequest } from '../requests/file-request';
import { LoanRequestRecords } from '../requests/loan-request-records';
import { LoanRecords, servicedLoanSummaryOf } from '@loanflow/loans';

export interface PrepaymentRequestBody {
  amount: string;
  option: PartPrepaymentOption;
  channel: string;
}

const money = (minor: string | null) =>
  minor === null ? null : Money.ofMinor(minor).toDecimalString();

export function prepaymentView(row: LoanPrepaymentEntity): PrepaymentView {
  return {
    id: row.id,
    loanId: row.loanId,
    amount: Money.ofMinor(row.amountMinor).toDecimalString(),
    option: row.option,
    channel: row.channel,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    state: row.state,
    quote: JSON.parse(row.quoteJson) as PrepaymentQuoteView,
    processInstanceKey: row.processInstanceKey,
    decidedBy: row.decidedBy,
    outcome: row.outcome,
    closedAt: row.closedAt?.toISOString() ?? null,
    postedOn: row.postedOn,
    interest: money(row.interestMinor),
    fee: money(row.feeMinor),
    repaymentId: row.repaymentId,
  };
}

/**
 * Part prepayment (部分提前还款): quotes it, and takes the customer manager's request with the
 * borrower's option. The rule is judged at once (a request the rule refuses never reaches the
 * reviewer), one undecided request per loan; then the process asks the reviewer (审查岗).
 */
@Injectable()
export class PrepaymentsService {
  private readonly rules: PartPrepaymentRules;

  constructor(
    private readonly requests: LoanRequestRecords,
    private readonly audit: AuditTrail,
    private readonly records: LoanRecords,
    private readonly clock: BusinessClock,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    config: AppConfig,
  ) {
    this.rules = prepaymentRules(config);
  }

  async quote(loanId: string, amount: string, date?: string): Promise<PrepaymentQuoteView> {
    const loan = await this.requests.loan(loanId);
    if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
    const day = date ?? beijingDate(await this.clock.now());
    return quoteView(loanId, await judgePrepayment(this.requests, loan, amount, day, this.rules));
  }

  async request(
    principal: Principal,
    loanId: string,
    body: PrepaymentRequestBody,
  ): Promise<PrepaymentView> {
    const now = await this.clock.now();
    const row = await fileRequest(
      { records: this.requests, audit: this.audit },
      {
        principal,
        loanId,
        kind: 'prepayment',
        action: 'loan.prepayment-request',
        duty: 'prepayment-request',
        alreadyOpen: () =>
          new DomainError(
            'PREPAYMENT_ALREADY_OPEN',
            `Loan ${loanId} already has a part prepayment request being decided.`,
          ),
        judge: async (tx, loan) => {
          const quote = await judgePrepayment(tx, loan, body.amount, beijingDate(now), this.rules);
          return {
            loanId,
            openKey: loanId,
            amountMinor: Money.parse(body.amount).minorUnits.toString(),
            option: body.option,
            channel: body.channel,
            requestedBy: principal.username,
            requestedAt: now,
            state: 'requested',
            quoteJson: JSON.stringify(quoteView(loanId, quote)),
            processInstanceKey: null,
            decidedBy: null,
            outcome: null,
            closedAt: null,
            postedOn: null,
            interestMinor: null,
            feeMinor: null,
            repaymentId: null,
            txnId: null,
          };
        },
      },
    );
    const quote = JSON.parse(row.quoteJson) as PrepaymentQuoteView;
    const chosen = quote.options[body.option];
    // Started once the request is committed; if the broker refuses, the request is withdrawn.
    const { loan, applicant, guarantors } = await this.records.fileForJob(loanId);
    await startReviewOrWithdraw(
      { records: this.requests, zeebe: this.zeebe },
      {
        kind: 'prepayment',
        row,
        loanId,
        bpmnProcessId: PREPAYMENT_PROCESS_ID,
        variables: {
          loanId,
          businessKey: loanId,
          prepaymentId: row.id,
          branchCode: loan.branchCode,
          customerManager: loan.customerManager,
          loan: servicedLoanSummaryOf(loan, applicant, guarantors),
          // What the reviewer sees beside the form: figures only, nothing about the borrower.
          prepayment: {
            amount: body.amount,
            option: body.option,
            channel: body.channel,
            quotedOn: quote.prepaymentDate,
            accruedInterest: quote.accruedInterest,
            feeAmount: quote.fee,
            total: quote.total,
            remainingPrincipal: quote.remainingPrincipal,
            installmentsBefore: quote.current.installmentCount,
            installmentsAfter: chosen.installmentCount,
            paymentBefore: quote.current.levelPayment,
            paymentAfter: chosen.levelPayment,
            currentMaturityDate: quote.current.maturity,
            newMaturityDate: chosen.maturity,
          },
        },
        audit: {
          actor: auditActorOf(principal),
          action: 'loan.prepayment-request',
          outcome: 'ok',
          loanKey: loanId,
          inputs: body,
          reason: `part prepayment of ${body.amount} requested (${body.option}): ${quote.total} with interest and fee on ${quote.prepaymentDate}`,
        },
      },
    );
    return prepaymentView(row);
  }

  async list(loanId: string): Promise<PrepaymentView[]> {
    const rows = await this.requests.list('prepayment', loanId);
    return rows.map(prepaymentView);
  }
}
