import type { LoanChangeRequestEntity } from '@loanflow/persistence';
import { changeRow as payoutAccountChange, LOAN } from '../requests/loan-request-records.fixture';
import {
  customerManager,
  describeRequestFiling,
  INSTANCE_KEY,
  NOW,
  refusedCodes,
  RequestHarness,
} from '../requests/request-filing.fixture';
import { ChangeRequestBody, ChangeRequestsService } from './change-requests.service';

/** The borrower's own account the loan was paid into (self payment): debited until a change. */
const PAYEE_ACCOUNT = '6222021234567890123';
const NEW_ACCOUNT = '6217000012345678901';
/** The bank card statement the borrower brought, uploaded to the loan. */
const EVIDENCE = '71';

const accountChange = (over: Partial<ChangeRequestBody> = {}): ChangeRequestBody => ({
  kind: 'repayment-account',
  account: { account: NEW_ACCOUNT },
  documentIds: [EVIDENCE],
  reason: '原还款卡已挂失，客户申请改用新卡扣款',
  ...over,
});

/** A harness whose loan holds the evidence among its documents. */
function withEvidence(): RequestHarness {
  const harness = new RequestHarness();
  harness.records.documents.push({ loanId: LOAN, id: EVIDENCE });
  return harness;
}

/** A change as the register holds it, filed on 1 April 2026. */
const changeRow = (over: Partial<LoanChangeRequestEntity>) =>
  payoutAccountChange({
    id: '81',
    openKey: `${LOAN}:repayment-account`,
    kind: 'repayment-account',
    beforeJson: JSON.stringify({ account: PAYEE_ACCOUNT }),
    afterJson: JSON.stringify({ account: NEW_ACCOUNT }),
    documentIds: JSON.stringify([EVIDENCE]),
    reason: '客户申请更换还款账户',
    processInstanceKey: '2251799813690081',
    ...over,
  });

const serviceOver = (harness: RequestHarness) =>
  new ChangeRequestsService(
    harness.records,
    harness.audit,
    harness.loans,
    harness.clock,
    harness.zeebe,
  );

/** The customer manager asks for an account change on the loan (evidence given, unless `over` says). */
const changeAsked = (harness: RequestHarness, over: Partial<ChangeRequestBody> = {}) =>
  serviceOver(harness).request(customerManager, LOAN, accountChange(over));

describe('changes of account or borrower details: the rules the service keeps over its register', () => {
  describeRequestFiling('change', {
    file: (harness, principal, loanId = LOAN) => {
      harness.records.documents.push({ loanId: LOAN, id: EVIDENCE });
      return serviceOver(harness).request(principal, loanId, accountChange());
    },
    openRequest: () => changeRow({}),
  });

  it('keeps the account in force beside the new one, and shows both masked', async () => {
    const harness = withEvidence();
    const view = await changeAsked(harness);
    // The whole row: the values before and after, the evidence, no party for an account.
    expect(harness.records.stored('change', view.id)).toEqual(
      changeRow({
        id: view.id,
        reason: accountChange().reason,
        requestedAt: NOW,
        processInstanceKey: INSTANCE_KEY,
      }),
    );
    expect(view).toMatchObject({
      kind: 'repayment-account',
      fields: ['account'],
      before: { account: '****0123' },
      after: { account: '****8901' },
      documentIds: [EVIDENCE],
      state: 'requested',
    });
    expect(harness.startedInstances[0]?.variables).toMatchObject({
      changeRequestId: view.id,
      changeKind: 'repayment-account',
    });
    expect(harness.records.audited[0]?.reason).toBe(
      `repayment-account change ${view.id} requested (account), evidence: documents ${EVIDENCE}`,
    );
  });

  it('takes the account of the last approved change as the one in force', async () => {
    const harness = withEvidence();
    harness.records.approvedRepaymentAccounts.set(LOAN, '6228480012345678');
    const view = await changeAsked(harness);
    expect(harness.records.stored('change', view.id)?.beforeJson).toBe(
      JSON.stringify({ account: '6228480012345678' }),
    );
  });

  it('refuses the account already in force as a 400 on account.account, auditing it', async () => {
    const harness = withEvidence();
    await expect(
      changeAsked(harness, { account: { account: PAYEE_ACCOUNT } }),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', {
      details: {
        fieldErrors: [{ field: 'account.account', reasons: ['is already the account in force'] }],
      },
    });
    expect(refusedCodes(harness)).toEqual(['VALIDATION_FAILED']);
    expect(harness.records.requests.change).toEqual([]);
    expect(harness.startedInstances).toEqual([]);
  });

  it('refuses evidence that is not among the loan’s documents, naming it', async () => {
    const harness = withEvidence();
    harness.records.documents.push({ loanId: 'LN20260101-OTHER1', id: '72' });
    await expect(
      changeAsked(harness, { documentIds: [EVIDENCE, '72'] }),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', {
      details: {
        fieldErrors: [
          {
            field: 'documentIds',
            reasons: [
              `72 is not among the documents of loan ${LOAN}: upload the evidence to the loan first`,
            ],
          },
        ],
      },
    });
    expect(harness.records.requests.change).toEqual([]);
  });

  it('names every field that does not belong to the kind of change', async () => {
    const harness = withEvidence();
    await expect(
      changeAsked(harness, { account: undefined, details: { phone: '13900001111' } }),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', {
      details: {
        fieldErrors: [
          { field: 'account', reasons: ['is required for a repayment-account change'] },
          { field: 'details', reasons: ['is not taken with a repayment-account change'] },
        ],
      },
    });
  });

  it('refuses a payout-account change once the loan is paid out, auditing it', async () => {
    const harness = withEvidence();
    await expect(changeAsked(harness, { kind: 'payout-account' })).rejects.toThrowDomainError(
      'CHANGE_NOT_ALLOWED',
    );
    expect(refusedCodes(harness)).toEqual(['CHANGE_NOT_ALLOWED']);
    expect(harness.records.requests.change).toEqual([]);
  });

  it('changes the borrower’s details on the applicant, one open change of each kind per loan', async () => {
    const harness = withEvidence();
    harness.records.put('change', changeRow({}));
    const view = await serviceOver(harness).request(customerManager, LOAN, {
      kind: 'borrower-details',
      details: { phone: '13900001111' },
      documentIds: [EVIDENCE],
      reason: '客户更换手机号码',
    });
    expect(harness.records.stored('change', view.id)).toMatchObject({
      openKey: `${LOAN}:borrower-details`,
      partyId: '11',
      fields: 'phone',
      beforeJson: JSON.stringify({ phone: '13812345678' }),
      afterJson: JSON.stringify({ phone: '13900001111' }),
    });
    expect(harness.records.requests.change).toHaveLength(2);
  });

  it('answers LOAN_NOT_FOUND for a loan without a borrower on file', async () => {
    const harness = withEvidence();
    harness.records.parties = harness.records.parties.filter((p) => p.role !== 'applicant');
    await expect(changeAsked(harness)).rejects.toThrowDomainError('LOAN_NOT_FOUND', {
      message: `Loan ${LOAN} has no borrower.`,
    });
    expect(refusedCodes(harness)).toEqual(['LOAN_NOT_FOUND']);
  });

  it('lists the loan’s changes oldest first', async () => {
    const harness = new RequestHarness();
    harness.records.put('change', changeRow({ id: '88', openKey: null, state: 'applied' }));
    harness.records.put('change', changeRow({ id: '84' }));
    const views = await serviceOver(harness).list(LOAN);
    expect(views.map((view) => [view.id, view.state])).toEqual([
      ['84', 'requested'],
      ['88', 'applied'],
    ]);
  });
});
