import type { AuditAct } from '@loanflow/audit';
import type { Posting } from '@loanflow/adapters';
import { advanceAccountCode, Money } from '@loanflow/domain';
import type { LoanRefundEntity } from '@loanflow/persistence';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { LOAN } from '../requests/loan-request-records.fixture';
import { RefundPayment, RefundRecords, RefundTransaction } from './refund-records';
import { Refunds } from './refunds';

const OTHER_LOAN = 'LN20260101-AAAAAA';
const PAYEE = '6222020200123453445';
const FOUND_AT = new Date('2026-04-16T02:00:00.000Z');

/** A ledger transaction as posted, amounts as decimal strings. */
interface Posted {
  txnId: string;
  loanId: string;
  memo: string;
  postings: { account: string; side: 'debit' | 'credit'; amount: string }[];
}

interface State {
  refunds: LoanRefundEntity[];
  /** What each loan's advance account holds for the borrower, in minor units. */
  advanceMinor: Record<string, string>;
  posted: Posted[];
  audited: AuditAct[];
}

const copy = (state: State): State => ({
  refunds: state.refunds.map((refund) => ({ ...refund })),
  advanceMinor: { ...state.advanceMinor },
  posted: [...state.posted],
  audited: [...state.audited],
});

/**
 * Refunds in memory: the fixtures' loan settled with 50.00 paid beyond what it owed (refund 31,
 * due), held on its advance account unless told otherwise; another loan's refund 32 beside it.
 */
class FakeRefundRecords extends RefundRecords {
  readonly register: InMemoryTransactions<State>;
  /** The refunds looked up, as [refund, loan]. */
  readonly lookedUp: [string, string][] = [];

  constructor(heldMinor = '5000') {
    super();
    this.register = new InMemoryTransactions<State>(
      {
        refunds: [refundOf({ id: '31', loanId: LOAN }), refundOf({ id: '32', loanId: OTHER_LOAN })],
        advanceMinor: { [LOAN]: heldMinor, [OTHER_LOAN]: '5000' },
        posted: [],
        audited: [],
      },
      copy,
    );
  }

  get state(): State {
    return this.register.state;
  }

  list(loanId: string) {
    return Promise.resolve(this.state.refunds.filter((r) => r.loanId === loanId));
  }

  transaction<T>(work: (tx: RefundTransaction) => Promise<T>): Promise<T> {
    return this.register.run((s) => work(this.inTransaction(s)));
  }

  private inTransaction(s: State): RefundTransaction {
    return {
      lockRefund: (refundId: string, loanId: string) => {
        this.lookedUp.push([refundId, loanId]);
        const row = s.refunds.find((r) => r.id === refundId && r.loanId === loanId);
        return Promise.resolve(row ? { ...row } : null);
      },
      advanceHeld: (loanId: string) => Promise.resolve(Money.ofMinor(s.advanceMinor[loanId] ?? 0)),
      post: (txn, postings: Posting[]) => {
        const net = postings.reduce(
          (sum, p) => (p.side === 'debit' ? sum.plus(p.amount) : sum.minus(p.amount)),
          Money.zero(),
        );
        if (!net.isZero()) return Promise.reject(new Error(`${txn.txnId} does not balance`));
        for (const p of postings) {
          // The advance account has a credit balance: a debit takes from what it holds.
          const held = s.advanceMinor[txn.loanId];
          if (p.account.code === advanceAccountCode(txn.loanId) && held !== undefined)
            s.advanceMinor[txn.loanId] = Money.ofMinor(held)
              .plus(p.side === 'debit' ? p.amount.negate() : p.amount)
              .minorUnits.toString();
        }
        s.posted.push({
          ...txn,
          postings: postings.map((p) => ({
            account: p.account.code,
            side: p.side,
            amount: p.amount.toDecimalString(),
          })),
        });
        return Promise.resolve();
      },
      markPaid: (refundId: string, payment: RefundPayment) =>
        Promise.resolve(
          void Object.assign(s.refunds.find((r) => r.id === refundId) ?? {}, payment),
        ),
      audit: (act) => Promise.resolve(void s.audited.push(act)),
    };
  }
}

function refundOf(over: Pick<LoanRefundEntity, 'id' | 'loanId'>): LoanRefundEntity {
  return {
    amountMinor: '5000',
    state: 'due',
    reason: 'paid 50.00 beyond what the loan owed at settlement',
    dueAt: FOUND_AT,
    idempotencyKey: null,
    payeeAccount: null,
    txnId: null,
    paidBy: null,
    paidAt: null,
    ...over,
  };
}

const manager = staffPrincipal('li.cm', ['customer-manager'], 'SB-HZ-XH');

function refundsWith(records = new FakeRefundRecords()) {
  return { refunds: new Refunds(records), records };
}

describe('refunds of money paid beyond what the loan owed (退款)', () => {
  it('lists the loan’s refunds only, as views', async () => {
    const { refunds } = refundsWith();
    expect(await refunds.list(LOAN)).toEqual([
      {
        id: '31',
        amount: '50.00',
        state: 'due',
        reason: 'paid 50.00 beyond what the loan owed at settlement',
        dueAt: FOUND_AT.toISOString(),
        payeeAccount: null,
        txnId: null,
        paidBy: null,
        paidAt: null,
      },
    ]);
  });

  it('pays the refund from the advance account to the account named, on the ledger and on record', async () => {
    const { refunds, records } = refundsWith();
    const paid = await refunds.pay(manager, LOAN, '31', PAYEE);
    expect(paid).toMatchObject({
      id: '31',
      amount: '50.00',
      state: 'paid',
      payeeAccount: PAYEE,
      paidBy: 'li.cm',
      txnId: expect.stringMatching(/^RFD-[0-9a-f-]{36}$/) as unknown,
    });
    expect(paid.paidAt).not.toBeNull();
    expect(records.state.posted).toEqual([
      {
        txnId: paid.txnId,
        loanId: LOAN,
        memo: `refund 31 of loan ${LOAN}`,
        postings: [
          { account: advanceAccountCode(LOAN), side: 'debit', amount: '50.00' },
          { account: 'CLR:REFUND', side: 'credit', amount: '50.00' },
        ],
      },
    ]);
    expect(records.state.advanceMinor[LOAN]).toBe('0');
    expect(records.state.refunds[0]).toMatchObject({
      state: 'paid',
      payeeAccount: PAYEE,
      txnId: paid.txnId,
      paidBy: 'li.cm',
    });
    expect(records.state.audited).toEqual([
      expect.objectContaining({
        action: 'loan.refund',
        outcome: 'ok',
        loanKey: LOAN,
        reason: `refund 31 of 50.00 paid to ****3445 (${paid.txnId})`,
      }),
    ]);
  });

  it('pays a refund once: asked again, it answers the payment made and posts nothing more', async () => {
    const { refunds, records } = refundsWith();
    const first = await refunds.pay(manager, LOAN, '31', PAYEE);
    const again = await refunds.pay(manager, LOAN, '31', '6222020200999999999');
    expect(again).toEqual(first);
    expect(records.state.posted).toHaveLength(1);
    expect(records.state.audited).toHaveLength(1);
  });

  it('refuses a refund the loan does not have, looking up no malformed id', async () => {
    const { refunds, records } = refundsWith();
    await expect(refunds.pay(manager, LOAN, '99', PAYEE)).rejects.toThrowDomainError(
      'REFUND_NOT_FOUND',
      { message: `Loan ${LOAN} has no refund 99.` },
    );
    await expect(refunds.pay(manager, LOAN, '32', PAYEE)).rejects.toThrowDomainError(
      'REFUND_NOT_FOUND',
      { message: /has no refund 32/ },
    );
    await expect(refunds.pay(manager, LOAN, '31 OR 1=1', PAYEE)).rejects.toThrowDomainError(
      'REFUND_NOT_FOUND',
    );
    expect(records.lookedUp).toEqual([
      ['99', LOAN],
      ['32', LOAN],
    ]);
    expect(records.state.refunds.map((r) => r.state)).toEqual(['due', 'due']);
    expect(records.state.posted).toEqual([]);
  });

  it('refuses to pay more than the advance account holds, writing nothing', async () => {
    const { refunds, records } = refundsWith(new FakeRefundRecords('4999'));
    await expect(refunds.pay(manager, LOAN, '31', PAYEE)).rejects.toThrowDomainError(
      'REFUND_NOT_HELD',
      {
        message: `The advance account of loan ${LOAN} holds 49.99, less than the 50.00 to refund.`,
      },
    );
    expect(records.state.refunds[0]).toMatchObject({ state: 'due', txnId: null });
    expect(records.state.posted).toEqual([]);
    expect(records.state.audited).toEqual([]);
    expect(records.state.advanceMinor[LOAN]).toBe('4999');
  });
});
