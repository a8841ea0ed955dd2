import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { beijingDate, DomainError, RestructuringKind } from '@loanflow/domain';
import { auditActorOf, Principal } from '@loanflow/identity';
import { LoanRestructuringEntity } from '@loanflow/persistence';
import { BusinessClock, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { RESTRUCTURING_PROCESS_ID } from '../servicing.contract';
import { judgeRestructuring } from './restructuring-rules';
import { startReviewOrWithdraw } from '../requests/start-review-or-withdraw';
import { fileRequest } from '../requests/file-request';
import { LoanRequestRecords } from '../requests/loan-request-records';
import { servicedLoanSummaryOf, LoanRecords } from '@loanflow/loans';
import { RestructuringView } from './restructuring.views';

export interface RestructuringRequestBody {
  kind: RestructuringKind;
  extraMonths: number;
  reason: string;
}

export function restructuringView(row: LoanRestructuringEntity): RestructuringView {
  return {
    id: row.id,
    loanId: row.loanId,
    kind: row.kind,
    extraMonths: row.extraMonths,
    reason: row.reason,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    state: row.state,
    processInstanceKey: row.processInstanceKey,
    decidedBy: row.decidedBy,
    outcome: row.outcome,
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/**
 * Takes an extension or restructuring request: judged against the rules at once (a request the
 * rules refuse never reaches a reviewer), one undecided request per loan, then its process started.
 */
@Injectable()
export class RestructuringsService {
  constructor(
    private readonly requests: LoanRequestRecords,
    private readonly audit: AuditTrail,
    private readonly records: LoanRecords,
    private readonly clock: BusinessClock,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async request(
    principal: Principal,
    loanId: string,
    body: RestructuringRequestBody,
  ): Promise<RestructuringView> {
    const now = await this.clock.now();
    const row = await fileRequest(
      { records: this.requests, audit: this.audit },
      {
        principal,
        loanId,
        kind: 'restructuring',
        action: 'loan.restructure-request',
        duty: 'restructuring-request',
        alreadyOpen: () =>
          new DomainError(
            'RESTRUCTURING_ALREADY_OPEN',
            `Loan ${loanId} already has an extension or restructuring request being decided.`,
          ),
        judge: async (tx, loan) => {
          await judgeRestructuring(tx, loan, body, beijingDate(now));
          return {
            loanId,
            openKey: loanId,
            kind: body.kind,
            extraMonths: body.extraMonths,
            reason: body.reason,
            requestedBy: principal.username,
            requestedAt: now,
            state: 'requested',
            processInstanceKey: null,
            decidedBy: null,
            outcome: null,
            closedAt: null,
          };
        },
      },
    );
    // Started once the request is committed; if the broker refuses, the request is withdrawn.
    const { loan, applicant, guarantors } = await this.records.fileForJob(loanId);
    await startReviewOrWithdraw(
      { records: this.requests, zeebe: this.zeebe },
      {
        kind: 'restructuring',
        row,
        loanId,
        bpmnProcessId: RESTRUCTURING_PROCESS_ID,
        variables: {
          loanId,
          businessKey: loanId,
          restructuringId: row.id,
          branchCode: loan.branchCode,
          customerManager: loan.customerManager,
          loan: servicedLoanSummaryOf(loan, applicant, guarantors),
          restructuring: { kind: body.kind, extraMonths: body.extraMonths, reason: body.reason },
        },
        audit: {
          actor: auditActorOf(principal),
          action: 'loan.restructure-request',
          outcome: 'ok',
          loanKey: loanId,
          inputs: body,
          reason: `${body.kind} by ${body.extraMonths} months requested: ${body.reason}`,
        },
      },
    );
    return restructuringView(row);
  }

  async list(loanId: string): Promise<RestructuringView[]> {
    const rows = await this.requests.list('restructuring', loanId);
    return rows.map(restructuringView);
  }
}
