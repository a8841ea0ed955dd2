import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import {
  accountProblems,
  assertChangeAllowed,
  BorrowerDetails,
  ChangeKind,
  detailDiff,
  detailProblems,
  DomainError,
  FieldProblem,
  groupProblemsByField,
  repaymentAccountInForce,
} from '@loanflow/domain';
import { auditActorOf, Principal } from '@loanflow/identity';
import type { LoanEntity, LoanPartyEntity } from '@loanflow/persistence';
import { BusinessClock, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { CHANGE_PROCESS_ID } from '../servicing.contract';
import { ChangeRequestView, changeRequestView } from './change-views';
import { startReviewOrWithdraw } from '../requests/start-review-or-withdraw';
import { fileRequest } from '../requests/file-request';
import { LoanRequestRecords, LoanRequestTransaction } from '../requests/loan-request-records';
import { LoanRecords, servicedLoanSummaryOf } from '@loanflow/loans';

export interface ChangeRequestBody {
  kind: ChangeKind;
  account?: { account?: unknown; accountName?: unknown };
  details?: Record<string, unknown>;
  documentIds: string[];
  reason: string;
}

const invalid = (problems: FieldProblem[]) =>
  new DomainError('VALIDATION_FAILED', problems.map((p) => `${p.field} ${p.reason}`).join('; '), {
    fieldErrors: groupProblemsByField(problems),
  });

/**
 * Takes a change of the payout or repayment account or of the borrower's details: checked at once
 * (the new values, the evidence among the loan's documents, the loan's status), kept with the
 * values before and after (encrypted), one open change of a kind per loan, then its process
 * started with the change's id only. The requester's duty keeps them off the review.
 */
@Injectable()
export class ChangeRequestsService {
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
    body: ChangeRequestBody,
  ): Promise<ChangeRequestView> {
    const now = await this.clock.now();
    const row = await fileRequest(
      { records: this.requests, audit: this.audit },
      {
        principal,
        loanId,
        kind: 'change',
        action: 'loan.change-request',
        duty: 'change-request',
        alreadyOpen: () =>
          new DomainError(
            'CHANGE_ALREADY_OPEN',
            `Loan ${loanId} already has a ${body.kind} change being reviewed.`,
          ),
        judge: async (tx, loan, parties) => {
          const applicant = parties.find((p) => p.role === 'applicant');
          if (!applicant)
            throw new DomainError('LOAN_NOT_FOUND', `Loan ${loanId} has no borrower.`);
          const change = await this.judge(tx, loan, applicant, body);
          assertChangeAllowed(body.kind, loan.status, loanId);
          return {
            loanId,
            openKey: `${loanId}:${body.kind}`,
            kind: body.kind,
            partyId: body.kind === 'borrower-details' ? applicant.id : null,
            fields: change.fields.join(','),
            beforeJson: JSON.stringify(change.before),
            afterJson: JSON.stringify(change.after),
            documentIds: JSON.stringify(body.documentIds),
            reason: body.reason,
            requestedBy: principal.username,
            requestedAt: now,
            state: 'requested',
            processInstanceKey: null,
            reviewedBy: null,
            reviewOutcome: null,
            reviewOpinion: null,
            reviewedAt: null,
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
        kind: 'change',
        row,
        loanId,
        bpmnProcessId: CHANGE_PROCESS_ID,
        variables: {
          loanId,
          businessKey: loanId,
          changeRequestId: row.id,
          changeKind: body.kind,
          branchCode: loan.branchCode,
          customerManager: loan.customerManager,
          loan: servicedLoanSummaryOf(loan, applicant, guarantors),
        },
        audit: {
          actor: auditActorOf(principal),
          action: 'loan.change-request',
          outcome: 'ok',
          loanKey: loanId,
          inputs: body,
          reason: `${body.kind} change ${row.id} requested (${row.fields}), evidence: documents ${body.documentIds.join(', ')}`,
        },
      },
    );
    return changeRequestView(row);
  }

  async list(loanId: string): Promise<ChangeRequestView[]> {
    const rows = await this.requests.list('change', loanId);
    return rows.map(changeRequestView);
  }

  /** The new values checked, the evidence found among the loan's documents, old beside new. */
  private async judge(
    tx: LoanRequestTransaction,
    loan: LoanEntity,
    applicant: LoanPartyEntity,
    body: ChangeRequestBody,
  ): Promise<{ fields: string[]; before: object; after: object }> {
    const problems: FieldProblem[] = [];
    const isAccount = body.kind !== 'borrower-details';
    if (isAccount && !body.account)
      problems.push({ field: 'account', reason: `is required for a ${body.kind} change` });
    if (isAccount && body.details)
      problems.push({ field: 'details', reason: `is not taken with a ${body.kind} change` });
    if (!isAccount && !body.details)
      problems.push({ field: 'details', reason: 'is required for a borrower-details change' });
    if (!isAccount && body.account)
      problems.push({ field: 'account', reason: 'is not taken with a borrower-details change' });
    if (isAccount && body.account)
      problems.push(
        ...accountProblems(
          body.kind as 'repayment-account' | 'payout-account',
          body.account,
          loan.paymentMethod,
        ),
      );
    if (!isAccount && body.details) problems.push(...detailProblems(body.details));
    const found = await tx.documentsAmong(loan.id, body.documentIds);
    const missing = body.documentIds.filter((id) => !found.includes(id));
    if (missing.length > 0)
      problems.push({
        field: 'documentIds',
        reason: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not among the documents of loan ${loan.id}: upload the evidence to the loan first`,
      });
    if (problems.length > 0) throw invalid(problems);

    if (body.kind === 'borrower-details') {
      const current: BorrowerDetails = {
        name: applicant.name,
        phone: applicant.phone,
        address: applicant.address,
        employer: applicant.employer,
      };
      return detailDiff(current, body.details as BorrowerDetails);
    }
    const account = body.account as { account: string; accountName?: string };
    const withName = body.kind === 'payout-account' && loan.paymentMethod === 'entrusted';
    const before =
      body.kind === 'payout-account'
        ? { account: loan.payeeAccount, ...(withName ? { accountName: loan.payeeName } : {}) }
        : {
            account: repaymentAccountInForce({
              paymentMethod: loan.paymentMethod,
              payeeAccount: loan.payeeAccount,
              approvedRepaymentAccount: await tx.approvedRepaymentAccount(loan.id),
            }),
          };
    const after = {
      account: account.account,
      ...(withName ? { accountName: account.accountName! } : {}),
    };
    if (JSON.stringify(before) === JSON.stringify(after))
      throw invalid([{ field: 'account.account', reason: 'is already the account in force' }]);
    return { fields: Object.keys(after), before, after };
  }
}
