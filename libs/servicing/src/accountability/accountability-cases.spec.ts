import { AccountabilityCaseEntity, LoanWriteOffEntity } from '@loanflow/persistence';
import { LOAN } from '../requests/loan-request-records.fixture';
import { AccountabilityCases } from './accountability-cases';
import { AccountabilityRecords, AccountabilityTransaction } from './accountability-records';
import type { AccountabilityDecisionView, AccountabilityDossierView } from './accountability.views';

const OTHER_LOAN = 'LN20260101-AAAAAA';
const BUILT_AT = new Date('2027-06-01T02:00:00.000Z');
const DECIDED_AT = new Date('2027-06-20T07:30:00.000Z');
const WRITTEN_OFF_AT = new Date('2027-05-28T08:00:00.000Z');

const DOSSIER: AccountabilityDossierView = {
  actors: [{ username: 'zhao.ap', duties: ['approval'], gaps: ['above-authority'] }],
  gaps: [
    {
      code: 'above-authority',
      username: 'zhao.ap',
      description: 'approved at branch level a loan that needed the center',
    },
  ],
};

const DECISION: AccountabilityDecisionView = {
  findings: [
    { username: 'zhao.ap', decision: 'responsible', consequence: 'warning', reasons: '越权审批' },
  ],
};

/** Cases and write-offs in memory; the route only reads them. */
class FakeAccountabilityRecords extends AccountabilityRecords {
  cases: AccountabilityCaseEntity[] = [];
  writeOffs: LoanWriteOffEntity[] = [];
  asked: string[] = [];

  caseOf(loanId: string) {
    this.asked.push(`case ${loanId}`);
    return Promise.resolve(this.cases.find((row) => row.loanId === loanId) ?? null);
  }
  writeOffOf(loanId: string) {
    this.asked.push(`write-off ${loanId}`);
    return Promise.resolve(this.writeOffs.find((row) => row.loanId === loanId) ?? null);
  }
  transaction<T>(work: (tx: AccountabilityTransaction) => Promise<T>): Promise<T> {
    void work;
    return Promise.reject(new Error('reading a case writes nothing'));
  }
}

function caseOf(loanId: string, over: Partial<AccountabilityCaseEntity> = {}) {
  return Object.assign(new AccountabilityCaseEntity(), {
    loanId,
    dossierJson: JSON.stringify(DOSSIER),
    builtAt: BUILT_AT,
    decisionJson: null,
    decidedBy: null,
    decidedAt: null,
    createdAt: BUILT_AT,
    ...over,
  });
}

function writeOffOf(loanId: string) {
  return Object.assign(new LoanWriteOffEntity(), {
    loanId,
    principalMinor: '4500000',
    interestMinor: '126005',
    approvedBy: 'qian.cm',
    reason: '借款人死亡，无遗产可供执行',
    txnId: 'WO-20270528-0001',
    writtenOffAt: WRITTEN_OFF_AT,
  });
}

describe('the accountability case of a written-off loan (责任认定)', () => {
  it('shows the write-off in yuan, the dossier kept and the committee’s decision', async () => {
    const register = new FakeAccountabilityRecords();
    register.cases.push(
      caseOf(LOAN, {
        decisionJson: JSON.stringify(DECISION),
        decidedBy: 'qian.cm',
        decidedAt: DECIDED_AT,
      }),
    );
    register.writeOffs.push(writeOffOf(LOAN));
    const view = await new AccountabilityCases(register).caseOf(LOAN);
    expect(view).toEqual({
      loanId: LOAN,
      writeOff: {
        principal: '45000.00',
        interest: '1260.05',
        approvedBy: 'qian.cm',
        reason: '借款人死亡，无遗产可供执行',
        txnId: 'WO-20270528-0001',
        writtenOffAt: WRITTEN_OFF_AT.toISOString(),
      },
      dossier: DOSSIER,
      builtAt: BUILT_AT.toISOString(),
      decision: DECISION,
      decidedBy: 'qian.cm',
      decidedAt: DECIDED_AT.toISOString(),
    });
    expect(register.asked.sort()).toEqual([`case ${LOAN}`, `write-off ${LOAN}`]);
  });

  it('shows a case the committee has not decided yet, and no write-off when none is kept', async () => {
    const register = new FakeAccountabilityRecords();
    register.cases.push(caseOf(LOAN));
    const view = await new AccountabilityCases(register).caseOf(LOAN);
    expect(view).toMatchObject({
      loanId: LOAN,
      writeOff: null,
      dossier: DOSSIER,
      decision: null,
      decidedBy: null,
      decidedAt: null,
    });
  });

  it('refuses a loan without a case, even when it was written off, and shows no other loan’s', async () => {
    const register = new FakeAccountabilityRecords();
    register.cases.push(caseOf(OTHER_LOAN));
    register.writeOffs.push(writeOffOf(LOAN));
    await expect(new AccountabilityCases(register).caseOf(LOAN)).rejects.toThrowDomainError(
      'ACCOUNTABILITY_CASE_NOT_FOUND',
      { message: new RegExp(`^Loan ${LOAN} has no accountability case .*dossier is being built`) },
    );
  });
});
