import { AppConfig } from '@loanflow/config';
import type { LoanPrepaymentEntity } from '@loanflow/persistence';
import { LOAN, prepaymentRequestRow } from '../requests/loan-request-records.fixture';
import {
  customerManager,
  describeRequestFiling,
  OVERDUE,
  refusedCodes,
  RequestHarness,
} from '../requests/request-filing.fixture';
import { PrepaymentRequestBody, PrepaymentsService } from './prepayments.service';

const prepayment = (over: Partial<PrepaymentRequestBody> = {}): PrepaymentRequestBody => ({
  amount: '20000.00',
  option: 'shorten-term',
  channel: 'counter',
  ...over,
});

/** A prepayment as the register holds it, filed on 1 April 2026. */
const prepaymentRow = (over: Partial<LoanPrepaymentEntity>) =>
  prepaymentRequestRow({
    amountMinor: '1000000',
    option: 'reduce-installment',
    quoteJson: '{"loanId":"LN20260315-7KQ2M9"}',
    ...over,
  });

/** The product's rule as configured by default: 1,000.00 at least, 1% fee in the first year. */
const serviceOver = (harness: RequestHarness) =>
  new PrepaymentsService(
    harness.records,
    harness.audit,
    harness.loans,
    harness.clock,
    harness.zeebe,
    new AppConfig(),
  );

describe('part prepayments: the rules the service keeps over its register', () => {
  describeRequestFiling('prepayment', {
    file: (harness, principal, loanId = LOAN) =>
      serviceOver(harness).request(principal, loanId, prepayment()),
    openRequest: () => prepaymentRow({}),
  });

  describe('quoting', () => {
    it('quotes on today’s business date from the ledger, the fee due in the first year', async () => {
      const quote = await serviceOver(new RequestHarness()).quote(LOAN, '20000.00');
      expect(quote).toMatchObject({
        loanId: LOAN,
        prepaymentDate: '2026-04-07',
        outstandingPrincipal: '120000.00',
        principalReduction: '20000.00',
        remainingPrincipal: '100000.00',
        fee: '200.00',
      });
    });

    it('quotes on the date asked for', async () => {
      const quote = await serviceOver(new RequestHarness()).quote(LOAN, '20000.00', '2026-04-10');
      expect(quote.prepaymentDate).toBe('2026-04-10');
    });

    it('answers LOAN_NOT_FOUND for a loan the register does not hold', async () => {
      await expect(
        serviceOver(new RequestHarness()).quote('LN20260101-NOSUCH', '20000.00'),
      ).rejects.toThrowDomainError('LOAN_NOT_FOUND');
    });

    it('refuses an amount below the minimum as a 400 on the amount, with the rule', async () => {
      await expect(
        serviceOver(new RequestHarness()).quote(LOAN, '500.00'),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        detailsIncluding: { rule: 'PREPAYMENT_BELOW_MINIMUM' },
      });
    });
  });

  describe('requesting', () => {
    it('keeps the quote of the day with the request and hands the reviewer its figures', async () => {
      const harness = new RequestHarness();
      const service = serviceOver(harness);
      const quote = await service.quote(LOAN, '20000.00');
      const view = await service.request(customerManager, LOAN, prepayment());
      expect(view).toMatchObject({
        amount: '20000.00',
        option: 'shorten-term',
        channel: 'counter',
        state: 'requested',
        quote,
        interest: null,
        fee: null,
      });
      expect(harness.records.stored('prepayment', view.id)).toMatchObject({
        openKey: LOAN,
        amountMinor: '2000000',
        quoteJson: JSON.stringify(quote),
      });
      const chosen = quote.options['shorten-term'];
      expect(harness.startedInstances[0]?.variables).toMatchObject({
        prepayment: {
          amount: '20000.00',
          option: 'shorten-term',
          channel: 'counter',
          quotedOn: '2026-04-07',
          accruedInterest: quote.accruedInterest,
          feeAmount: '200.00',
          total: quote.total,
          remainingPrincipal: '100000.00',
          installmentsBefore: 24,
          installmentsAfter: chosen.installmentCount,
          paymentBefore: quote.current.levelPayment,
          paymentAfter: chosen.levelPayment,
          currentMaturityDate: '2028-03-15',
          newMaturityDate: chosen.maturity,
        },
      });
      expect(harness.records.audited[0]?.reason).toBe(
        `part prepayment of 20000.00 requested (shorten-term): ${quote.total} with interest and fee on 2026-04-07`,
      );
    });

    it('refuses an amount the rule refuses, auditing it and recording nothing', async () => {
      const harness = new RequestHarness();
      await expect(
        serviceOver(harness).request(customerManager, LOAN, prepayment({ amount: '500.00' })),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        detailsIncluding: { rule: 'PREPAYMENT_BELOW_MINIMUM' },
      });
      expect(refusedCodes(harness)).toEqual(['VALIDATION_FAILED']);
      expect(harness.records.requests.prepayment).toEqual([]);
      expect(harness.startedInstances).toEqual([]);
    });

    it('refuses a prepayment while an installment is overdue', async () => {
      const harness = new RequestHarness();
      harness.now = OVERDUE;
      await expect(
        serviceOver(harness).request(customerManager, LOAN, prepayment()),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        detailsIncluding: { rule: 'PREPAYMENT_WHILE_OVERDUE' },
      });
      expect(refusedCodes(harness)).toEqual(['VALIDATION_FAILED']);
    });
  });

  it('lists the loan’s requests oldest first, amounts as decimal strings', async () => {
    const harness = new RequestHarness();
    harness.records.put('prepayment', prepaymentRow({ id: '68', openKey: null }));
    harness.records.put('prepayment', prepaymentRow({ id: '63', amountMinor: '150050' }));
    const views = await serviceOver(harness).list(LOAN);
    expect(views.map((view) => [view.id, view.amount])).toEqual([
      ['63', '1500.50'],
      ['68', '10000.00'],
    ]);
  });
});
