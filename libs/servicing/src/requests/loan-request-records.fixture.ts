import type { AuditAct } from '@loanflow/audit';
import { buildSchedule, Money, ScheduledInstallment, ServicingLedger } from '@loanflow/domain';
import {
  LoanChangeRequestEntity,
  LoanEntity,
  LoanPartyEntity,
  LoanPrepaymentEntity,
  LoanRestructuringEntity,
} from '@loanflow/persistence';
import { LoanRequestRecords, RequestAlreadyOpen } from './loan-request-records';
import type {
  LoanRequestKind,
  LoanRequests,
  LoanRequestTransaction,
  NewLoanRequests,
  RequestDuty,
} from './loan-request-records';

/** A loan being serviced: 120,000.00 over 24 months at 5.80%, paid out on 15 March 2026. */
export const LOAN = 'LN20260315-7KQ2M9';
/** The applicant's ID number: a requester holding it asks on their own loan. */
export const APPLICANT_ID_NUMBER = '330106199001011234';
export const GUARANTOR_ID_NUMBER = '330106198505054321';

/**
 * A loan being serviced as the register holds it: its row, its applicant and guarantor, and its
 * schedule as paid out (nothing paid yet).
 */
export function servicedLoanRecords(over: Partial<LoanEntity> = {}): {
  loan: LoanEntity;
  parties: LoanPartyEntity[];
  schedule: ScheduledInstallment[];
} {
  const loan = Object.assign(new LoanEntity(), {
    id: LOAN,
    branchCode: 'SB-HZ-XH',
    customerManager: 'li.cm',
    product: 'consumer',
    purpose: '装修',
    guaranteeType: 'guarantee',
    paymentMethod: 'self',
    repaymentMethod: 'equal-installment',
    requestedAmountMinor: '12000000',
    requestedTermMonths: 24,
    amountMinor: '12000000',
    termMonths: 24,
    riskGrade: 'B',
    annualRate: '0.0580',
    payeeAccount: '6222021234567890123',
    payeeName: '张伟',
    status: 'disbursed',
    classification: 'normal',
    disbursedAt: new Date('2026-03-15T02:00:00.000Z'),
    ...over,
  });
  const parties = [
    Object.assign(new LoanPartyEntity(), {
      id: '11',
      loanId: loan.id,
      role: 'applicant',
      name: '张伟',
      idNumber: APPLICANT_ID_NUMBER,
      phone: '13812345678',
      address: '杭州市西湖区文三路 90 号',
      employer: '杭州西溪电子有限公司',
    }),
    Object.assign(new LoanPartyEntity(), {
      id: '12',
      loanId: loan.id,
      role: 'guarantor',
      name: '李娜',
      idNumber: GUARANTOR_ID_NUMBER,
      phone: '13987654321',
      address: null,
      employer: null,
    }),
  ];
  const schedule = buildSchedule({
    principal: Money.ofMinor('12000000'),
    annualRate: '0.0580',
    termMonths: 24,
    method: 'equal-installment',
    startDate: '2026-03-15',
  });
  return { loan, parties, schedule: schedule.installments };
}

export type Rows = { [K in LoanRequestKind]: LoanRequests[K][] };

export const copyRows = (rows: Rows): Rows => ({
  change: rows.change.map((row) => ({ ...row })),
  restructuring: rows.restructuring.map((row) => ({ ...row })),
  prepayment: rows.prepayment.map((row) => ({ ...row })),
});

/**
 * The register of requests on a running loan in memory, for the unit specs of the change,
 * restructuring and prepayment services. Each method call is logged by name. A transaction works
 * on copies that replace the register's rows only when its work returns: a failure inside it
 * leaves the register as it was. A request whose open key is taken is refused as the unique index
 * refuses it.
 */
export class FakeLoanRequestRecords extends LoanRequestRecords {
  readonly loans = new Map<string, LoanEntity>();
  parties: LoanPartyEntity[] = [];
  readonly ledgers = new Map<string, ServicingLedger>();
  /** The loans' documents, by id. */
  documents: { loanId: string; id: string }[] = [];
  /** The account of each loan's last approved repayment-account change. */
  readonly approvedRepaymentAccounts = new Map<string, string>();
  requests: Rows = { change: [], restructuring: [], prepayment: [] };
  duties: RequestDuty[] = [];
  /** Audit entries written together with a change of the register. */
  audited: AuditAct[] = [];
  readonly calls: string[] = [];
  /** Thrown by the next audit append written together with a change. */
  auditFailure: Error | null = null;
  private lastId = 500;

  /** Puts a loan being serviced on the register, with its parties and its ledger as paid out. */
  servicedLoan(over: Partial<LoanEntity> = {}): LoanEntity {
    const { loan, parties, schedule } = servicedLoanRecords(over);
    this.loans.set(loan.id, loan);
    this.parties.push(...parties);
    this.ledgers.set(loan.id, {
      installments: schedule.map(({ number, dueDate, principal, interest }) => ({
        number,
        dueDate,
        principal,
        interest,
      })),
      applied: [],
    });
    return loan;
  }

  /** Puts a request on file as if filed earlier. */
  put<K extends LoanRequestKind>(kind: K, request: LoanRequests[K]): LoanRequests[K] {
    (this.requests[kind] as LoanRequests[K][]).push({ ...request });
    return request;
  }

  nextId(): string {
    this.lastId += 1;
    return String(this.lastId);
  }

  stored<K extends LoanRequestKind>(kind: K, id: string): LoanRequests[K] | undefined {
    return (this.requests[kind] as LoanRequests[K][]).find((row) => row.id === id);
  }

  loan(loanId: string): Promise<LoanEntity | null> {
    this.calls.push('loan');
    return Promise.resolve(this.loans.get(loanId) ?? null);
  }

  ledger(loanId: string): Promise<ServicingLedger> {
    this.calls.push('ledger');
    return Promise.resolve(this.ledgerOf(loanId));
  }

  list<K extends LoanRequestKind>(kind: K, loanId: string): Promise<LoanRequests[K][]> {
    this.calls.push('list');
    return Promise.resolve(
      (this.requests[kind] as LoanRequests[K][])
        .filter((row) => row.loanId === loanId)
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((row) => ({ ...row })),
    );
  }

  withdraw(kind: LoanRequestKind, requestId: string, loanId: string): Promise<void> {
    this.calls.push('withdraw');
    const rows = this.requests as { [K in LoanRequestKind]: { id: string }[] };
    rows[kind] = rows[kind].filter((row) => row.id !== requestId);
    this.duties = this.duties.filter(
      (duty) => !(duty.loanId === loanId && duty.ref === `${kind}:${requestId}`),
    );
    return Promise.resolve();
  }

  started(
    kind: LoanRequestKind,
    requestId: string,
    processInstanceKey: string | null,
    act: AuditAct,
  ): Promise<void> {
    this.calls.push('started');
    if (this.auditFailure) return Promise.reject(this.auditFailure);
    const row = this.stored(kind, requestId);
    if (row) row.processInstanceKey = processInstanceKey;
    this.audited.push(act);
    return Promise.resolve();
  }

  async transaction<T>(work: (tx: LoanRequestTransaction) => Promise<T>): Promise<T> {
    this.calls.push('transaction');
    const requests = copyRows(this.requests);
    const duties = this.duties.map((duty) => ({ ...duty }));
    const tx: LoanRequestTransaction = {
      loan: (loanId) => {
        this.calls.push('tx.loan');
        return Promise.resolve(this.loans.get(loanId) ?? null);
      },
      parties: (loanId) => {
        this.calls.push('tx.parties');
        return Promise.resolve(this.parties.filter((party) => party.loanId === loanId));
      },
      insert: <K extends LoanRequestKind>(kind: K, request: NewLoanRequests[K]) => {
        this.calls.push('tx.insert');
        const rows = requests[kind] as LoanRequests[K][];
        if (request.openKey !== null && rows.some((row) => row.openKey === request.openKey))
          return Promise.reject(new RequestAlreadyOpen());
        const row = { ...request, id: this.nextId() } as LoanRequests[K];
        rows.push(row);
        return Promise.resolve({ ...row });
      },
      recordDuty: (duty) => {
        this.calls.push('tx.recordDuty');
        duties.push({ ...duty });
        return Promise.resolve();
      },
      ledger: (loanId) => {
        this.calls.push('tx.ledger');
        return Promise.resolve(this.ledgerOf(loanId));
      },
      appliedExtensions: (loanId) => {
        this.calls.push('tx.appliedExtensions');
        return Promise.resolve(
          requests.restructuring.filter(
            (row) => row.loanId === loanId && row.kind === 'extension' && row.state === 'applied',
          ),
        );
      },
      documentsAmong: (loanId, documentIds) => {
        this.calls.push('tx.documentsAmong');
        return Promise.resolve(
          this.documents
            .filter((document) => document.loanId === loanId && documentIds.includes(document.id))
            .map((document) => document.id),
        );
      },
      approvedRepaymentAccount: (loanId) => {
        this.calls.push('tx.approvedRepaymentAccount');
        return Promise.resolve(this.approvedRepaymentAccounts.get(loanId) ?? null);
      },
    };
    const result = await work(tx);
    this.requests = requests;
    this.duties = duties;
    return result;
  }

  private ledgerOf(loanId: string): ServicingLedger {
    return this.ledgers.get(loanId) ?? { installments: [], applied: [] };
  }
}

/** A change of the payout account, filed on 1 April 2026 and approved at review. */
export const changeRow = (
  over: Partial<LoanChangeRequestEntity> = {},
): LoanChangeRequestEntity => ({
  id: '31',
  loanId: LOAN,
  openKey: `${LOAN}:payout-account`,
  kind: 'payout-account',
  partyId: null,
  fields: 'account',
  beforeJson: '{"account":"6222021234567890123"}',
  afterJson: '{"account":"6217001234567890555"}',
  documentIds: '["71"]',
  reason: '原收款账户已销户',
  requestedBy: 'li.cm',
  requestedAt: new Date('2026-04-01T02:00:00.000Z'),
  state: 'requested',
  processInstanceKey: '2251799813690031',
  reviewedBy: null,
  reviewOutcome: null,
  reviewOpinion: null,
  reviewedAt: null,
  outcome: null,
  closedAt: null,
  ...over,
});

/** An extension of six months, filed on 1 April 2026. */
export const extensionRow = (
  over: Partial<LoanRestructuringEntity> = {},
): LoanRestructuringEntity => ({
  id: '41',
  loanId: LOAN,
  openKey: LOAN,
  kind: 'extension',
  extraMonths: 6,
  reason: '借款人所在企业停产三个月，收入暂时下降，申请展期',
  requestedBy: 'li.cm',
  requestedAt: new Date('2026-04-01T02:00:00.000Z'),
  state: 'requested',
  processInstanceKey: '2251799813690041',
  decidedBy: null,
  outcome: null,
  closedAt: null,
  levelBefore: null,
  firstNewInstallment: null,
  whileInObservation: false,
  appliedOn: null,
  ...over,
});

/** A part prepayment of 20,000.00 at the counter, filed on 1 April 2026, the term shortened. */
export const prepaymentRequestRow = (
  over: Partial<LoanPrepaymentEntity> = {},
): LoanPrepaymentEntity => ({
  id: '61',
  loanId: LOAN,
  openKey: LOAN,
  amountMinor: '2000000',
  option: 'shorten-term',
  channel: 'counter',
  requestedBy: 'li.cm',
  requestedAt: new Date('2026-04-01T02:00:00.000Z'),
  state: 'requested',
  quoteJson: '{}',
  processInstanceKey: '2251799813690061',
  decidedBy: null,
  outcome: null,
  closedAt: null,
  postedOn: null,
  interestMinor: null,
  feeMinor: null,
  repaymentId: null,
  txnId: null,
  ...over,
});
