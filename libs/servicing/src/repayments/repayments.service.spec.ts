import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { AppConfig } from '@loanflow/config';
import { Money, ServicingLedger } from '@loanflow/domain';
import { LoanEntity, LoanPartyEntity, RepaymentEntity } from '@loanflow/persistence';
import type { BusinessClock, PublishRequest, ZeebeClient } from '@loanflow/workflow';
import { staffPrincipal } from '@loanflow/test-support/principals';
import type { LoanClassifier } from '../classification/loan-classifier';
import type { CollectionBands } from '../collection/collection-bands';
import { LOAN, servicedLoanRecords } from '../requests/loan-request-records.fixture';
import { REPAYMENT_RECEIVED_MESSAGE } from '../servicing.contract';
import type { PaymentToApply } from './payment-application';
import {
  NewRepayment,
  RepaymentDuty,
  RepaymentRecords,
  RepaymentTransaction,
} from './repayment-records';
import { RepaymentRequest } from './repayment.request';
import { RepaymentsService } from './repayments.service';

/** A pattern finding `text` as it is written. */
const containing = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** 10:00 in Beijing on 14 April 2026, the day before the first installment falls due. */
const NOW = new Date('2026-04-14T02:00:00.000Z');

interface State {
  loan: LoanEntity;
  repayments: RepaymentEntity[];
  suspense: { txnId: string; amount: string; direction: 'hold' | 'return' }[];
  applied: { purpose: string; source: string; amount: string }[];
  duties: (RepaymentDuty & { loanId: string })[];
  audited: AuditAct[];
}

/**
 * The register in memory: the fixtures' loan (managed by li.cm) and its payments. Applying a
 * payment puts it all on the first installment's interest (the allocation itself is the payment
 * application's, covered by its own specs); a transaction that fails leaves nothing behind.
 */
class FakeRepaymentRecords extends RepaymentRecords {
  state: State;
  readonly parties: LoanPartyEntity[];
  private nextId = 300;

  constructor(over: Partial<LoanEntity> = {}) {
    super();
    const { loan, parties } = servicedLoanRecords(over);
    this.parties = parties;
    this.state = { loan, repayments: [], suspense: [], applied: [], duties: [], audited: [] };
  }

  loan(loanId: string) {
    return Promise.resolve(loanId === LOAN ? { ...this.state.loan } : null);
  }
  byKey(loanId: string, key: string) {
    return Promise.resolve(
      this.state.repayments.find((r) => r.loanId === loanId && r.idempotencyKey === key) ?? null,
    );
  }
  list(loanId: string) {
    return Promise.resolve(this.state.repayments.filter((r) => r.loanId === loanId));
  }
  /** How often the loan's schedule and payments were read. */
  ledgerReads = 0;
  ledger(): Promise<ServicingLedger> {
    this.ledgerReads += 1;
    return Promise.resolve({ installments: servicedLoanRecords().schedule, applied: [] });
  }
  advanceHeld() {
    return Promise.resolve(Money.zero());
  }
  markPublished(repaymentId: string, at: Date) {
    const row = this.state.repayments.find((r) => r.id === repaymentId);
    if (row) row.publishedAt = at;
    return Promise.resolve();
  }
  unpublished(before: Date, limit: number) {
    return Promise.resolve(
      this.state.repayments
        .filter((r) => r.state === 'applied' && !r.publishedAt && r.createdAt < before)
        .slice(0, limit),
    );
  }

  async transaction<T>(work: (tx: RepaymentTransaction) => Promise<T>): Promise<T> {
    const next: State = {
      loan: { ...this.state.loan },
      repayments: this.state.repayments.map((r) => ({ ...r })),
      suspense: [...this.state.suspense],
      applied: [...this.state.applied],
      duties: [...this.state.duties],
      audited: [...this.state.audited],
    };
    const now = <R>(run: () => R): Promise<R> => Promise.resolve(run());
    const result = await work({
      lockLoan: (loanId) => now(() => (loanId === LOAN ? next.loan : null)),
      repayment: (id, loanId) =>
        now(() => next.repayments.find((r) => r.id === id && r.loanId === loanId) ?? null),
      debitAccountOf: (loan) => now(() => loan.payeeAccount),
      assess: () => Promise.resolve(),
      apply: (payment: PaymentToApply) =>
        now(() => {
          next.applied.push({
            purpose: payment.purpose,
            source: payment.source,
            amount: payment.amount.toDecimalString(),
          });
          const line = {
            installmentNumber: 1,
            category: 'interest' as const,
            amount: payment.amount,
            paidOn: payment.paidOn,
          };
          return {
            txnId: `TXN-${next.applied.length}`,
            lines: [{ ...line, amount: line.amount.toDecimalString() }],
            applied: [line],
            toAdvance: Money.zero(),
            fromAdvance: Money.zero(),
          };
        }),
      postToSuspense: (txn, amount, direction) =>
        now(
          () =>
            void next.suspense.push({
              txnId: txn.txnId,
              amount: amount.toDecimalString(),
              direction,
            }),
        ),
      addRepayment: (repayment: NewRepayment) =>
        now(() => {
          const row = Object.assign(new RepaymentEntity(), {
            ...repayment,
            id: String(this.nextId++),
            createdAt: NOW,
          });
          next.repayments.push(row);
          return { ...row };
        }),
      updateRepayment: (id, changes) =>
        now(() => void Object.assign(next.repayments.find((r) => r.id === id) ?? {}, changes)),
      addDuty: (loanId, duty) => now(() => void next.duties.push({ ...duty, loanId })),
      duties: (loanId, ref) =>
        now(() => next.duties.filter((d) => d.loanId === loanId && d.ref === ref)),
      parties: () => now(() => this.parties),
      audit: (act) => now(() => void next.audited.push(act)),
    });
    this.state = next;
    return result;
  }
}

function desk(register: FakeRepaymentRecords) {
  const refused: AuditAct[] = [];
  const audit = {
    record: (act: AuditAct) => Promise.resolve(void refused.push(act)),
  } as unknown as AuditTrail;
  const published: PublishRequest[] = [];
  const zeebe = {
    publishMessage: (message: PublishRequest) =>
      Promise.resolve(void published.push(message)).then(() => ({ key: '1' })),
  } as unknown as ZeebeClient;
  const clock = { now: () => Promise.resolve(NOW) } as unknown as BusinessClock;
  // What ruled the loan's new position after each payment: the classification rule, or the band alone.
  const ruled: string[] = [];
  const bands = {
    reassess: (loanId: string, date: string, at: Date) =>
      Promise.resolve(void ruled.push(`band ${loanId} ${date} ${at.toISOString()}`)).then(() => ({
        daysPastDue: 0,
        band: null,
      })),
  } as unknown as CollectionBands;
  const classifier = {
    classifyAndReassess: (loanId: string, at: Date, date: string, propose: boolean) =>
      Promise.resolve(
        void ruled.push(`classify ${loanId} ${date} ${at.toISOString()} propose ${propose}`),
      ).then(() => ({ classification: 'normal', daysPastDue: 0 })),
  } as unknown as LoanClassifier;
  const config = {
    REPAYMENT_OVERPAYMENT_TOLERANCE: '100.00',
    REPAYMENT_CONFIRMATION_LIMIT: '50000.00',
    REPAYMENT_BACKDATE_DAYS: 30,
  } as unknown as AppConfig;
  return {
    service: new RepaymentsService(register, audit, zeebe, clock, bands, classifier, config),
    refused,
    published,
    ruled,
  };
}

const teller = staffPrincipal(
  'qian.teller',
  ['post-loan-officer'],
  'SB-HZ-XH',
  '/HO/BR-HZ/SB-HZ-XH/',
);
const otherTeller = staffPrincipal(
  'sun.teller',
  ['post-loan-officer'],
  'SB-HZ-XH',
  '/HO/BR-HZ/SB-HZ-XH/',
);
const customerManager = staffPrincipal(
  'li.cm',
  ['customer-manager'],
  'SB-HZ-XH',
  '/HO/BR-HZ/SB-HZ-XH/',
);

const payment = (amount: string, over: Partial<RepaymentRequest> = {}): RepaymentRequest =>
  Object.assign(new RepaymentRequest(), {
    amount,
    paidAt: '2026-04-14T01:30:00.000Z',
    channel: 'counter',
    idempotencyKey: `pay-${amount}-${over.paidAt ?? 'today'}`,
    ...over,
  });

describe('taking a payment', () => {
  it('applies a payment below the limit by someone who does not manage the loan, and tells the process', async () => {
    const register = new FakeRepaymentRecords();
    const { service, published, ruled } = desk(register);
    const view = await service.record(teller, LOAN, payment('5000.00'));
    expect(view).toMatchObject({
      state: 'applied',
      amount: '5000.00',
      recordedBy: 'qian.teller',
      replayed: false,
    });
    expect(register.state.applied).toEqual([
      { purpose: 'repayment', source: 'clearing', amount: '5000.00' },
    ]);
    expect(register.state.repayments[0]).toMatchObject({ txnId: 'TXN-1', unappliedMinor: '0' });
    expect(register.state.suspense).toEqual([]);
    expect(published.map((m) => m.name)).toEqual([REPAYMENT_RECEIVED_MESSAGE]);
    expect(register.state.repayments[0]?.publishedAt).toEqual(expect.any(Date));
    // The classification rule on the loan's new position, on today's business date, no proposal.
    expect(ruled).toEqual([`classify ${LOAN} 2026-04-14 ${NOW.toISOString()} propose false`]);
    // The answer shows the position the messages carried, read once.
    const { repaymentId: _id, ...told } = published[0]?.variables as Record<string, unknown>;
    expect(view.position).toEqual(told);
    expect(view.position.asOf).toBe('2026-04-14');
    expect(register.ledgerReads).toBe(1);
  });

  it.each([
    ['above the confirmation limit', teller, '50000.01', 'above 50000.00'],
    [
      'recorded by the loan’s own customer manager',
      customerManager,
      '100.00',
      'the recorder manages the loan',
    ],
  ])(
    'holds a payment %s in suspense until a second person confirms it',
    async (_case, who, amount, why) => {
      const register = new FakeRepaymentRecords();
      const { service, published } = desk(register);
      const view = await service.record(who, LOAN, payment(amount));
      expect(view.state).toBe('pending');
      expect(register.state.applied).toEqual([]);
      expect(register.state.suspense).toEqual([
        { txnId: expect.stringMatching(/^SUS-/) as string, amount, direction: 'hold' },
      ]);
      expect(register.state.duties).toEqual([
        {
          loanId: LOAN,
          duty: 'repayment-recording',
          username: who.username,
          ref: `repayment:${view.id}`,
        },
      ]);
      expect(register.state.audited[0]?.reason).toContain(
        `held until a second person confirms it (${why})`,
      );
      expect(published).toEqual([]);
    },
  );

  it.each([
    ['in the future', '2026-04-14T03:00:00.000Z', '2026-04-14T03:00:00.000Z is in the future'],
    [
      'before the payout',
      '2026-03-14T02:00:00.000Z',
      '2026-03-14 is before the loan was paid out on 2026-03-15',
    ],
  ])(
    'refuses a payment dated %s, naming paidAt, and writes nothing',
    async (_case, paidAt, reason) => {
      const register = new FakeRepaymentRecords();
      const { service } = desk(register);
      await expect(
        service.record(teller, LOAN, payment('100.00', { paidAt })),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        message: containing(`paidAt ${reason}`),
      });
      expect(register.state.repayments).toEqual([]);
    },
  );

  it('refuses a payment older than the back-dating window', async () => {
    const register = new FakeRepaymentRecords({
      disbursedAt: new Date('2026-01-05T02:00:00.000Z'),
    });
    const { service } = desk(register);
    await expect(
      service.record(teller, LOAN, payment('100.00', { paidAt: '2026-03-14T02:00:00.000Z' })),
    ).rejects.toThrowDomainError('VALIDATION_FAILED', {
      message: containing('paidAt 2026-03-14 is more than 30 days ago'),
    });
  });

  it('answers a repeated key with the first payment, and refuses the key for another amount', async () => {
    const register = new FakeRepaymentRecords();
    const { service } = desk(register);
    const first = await service.record(teller, LOAN, payment('5000.00'));
    expect(await service.record(teller, LOAN, payment('5000.00'))).toEqual({
      ...first,
      replayed: true,
    });
    expect(register.state.applied).toHaveLength(1);
    await expect(
      service.record(teller, LOAN, { ...payment('5000.00'), amount: '5000.01' }),
    ).rejects.toThrowDomainError('IDEMPOTENCY_KEY_REUSED');
  });

  it('takes no early settlement on a written-off loan: what is paid is a recovery', async () => {
    const register = new FakeRepaymentRecords({ status: 'written-off' });
    const { service, ruled } = desk(register);
    await expect(
      service.record(teller, LOAN, payment('100.00'), 'early-settlement'),
    ).rejects.toThrowDomainError('LOAN_NOT_IN_SERVICING');
    await service.record(teller, LOAN, payment('100.00'));
    expect(register.state.applied).toEqual([
      { purpose: 'recovery', source: 'clearing', amount: '100.00' },
    ]);
    // A written-off loan is not classified again (it left servicing): its band alone is ruled.
    expect(ruled).toEqual([`band ${LOAN} 2026-04-14 ${NOW.toISOString()}`]);
  });
});

describe('the second person’s decision on a held payment', () => {
  async function held() {
    const register = new FakeRepaymentRecords();
    const { service, refused, published } = desk(register);
    const { id } = await service.record(teller, LOAN, payment('60000.00'));
    return { register, service, refused, published, id };
  }

  it('refuses, on the trail, the one who recorded it', async () => {
    const { register, service, refused, id } = await held();
    await expect(service.confirm(teller, LOAN, id)).rejects.toThrowDomainError(
      'SEPARATION_OF_DUTIES',
    );
    expect(refused).toEqual([
      expect.objectContaining({ action: 'loan.repayment-confirm', outcome: 'refused' }),
    ]);
    expect(register.state.applied).toEqual([]);
  });

  it('applies it out of suspense when another person confirms it, and tells the process', async () => {
    const { register, service, published, id } = await held();
    const readsBefore = register.ledgerReads;
    const view = await service.confirm(otherTeller, LOAN, id);
    expect(register.ledgerReads - readsBefore).toBe(1);
    expect(view.position.asOf).toBe('2026-04-14');
    expect(view).toMatchObject({ state: 'applied', confirmedBy: 'sun.teller' });
    expect(register.state.applied).toEqual([
      { purpose: 'repayment', source: 'suspense', amount: '60000.00' },
    ]);
    expect(register.state.duties.map((d) => d.duty)).toEqual([
      'repayment-recording',
      'repayment-confirmation',
    ]);
    expect(published).toHaveLength(1);
    await expect(service.confirm(otherTeller, LOAN, id)).rejects.toThrowDomainError(
      'REPAYMENT_NOT_PENDING',
    );
  });

  it('returns it to the payer out of suspense when rejected, applying nothing', async () => {
    const { register, service, id } = await held();
    const view = await service.reject(otherTeller, LOAN, id, '付款人账户信息不符');
    expect(view.state).toBe('rejected');
    expect(register.state.suspense.map((s) => s.direction)).toEqual(['hold', 'return']);
    expect(register.state.applied).toEqual([]);
    expect(register.state.audited.at(-1)?.reason).toContain(
      'returned to the payer: 付款人账户信息不符',
    );
  });

  it('answers a payment the loan does not have as missing', async () => {
    const { service, refused } = await held();
    await expect(service.confirm(otherTeller, LOAN, '999999')).rejects.toThrowDomainError(
      'REPAYMENT_NOT_FOUND',
    );
    expect(refused).toEqual([]);
  });
});
