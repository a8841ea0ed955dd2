import type { Directory, UnitScope } from '@loanflow/identity';
import { blindIndex } from '@loanflow/persistence';
import type { BusinessClock } from '@loanflow/workflow';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { LoanListFilter, LoanListQueries, LoanListRow } from './loan-list.queries';
import { LoanListService } from './loan-list.service';
import type { LoanListQuery } from './loan-list.view';

const TODAY = '2026-06-01';
const manager = staffPrincipal('li.cm', ['customer-manager'], 'SB-HZ-XH', '/HO/BR-HZ/SB-HZ-XH/');
const branchScope: UnitScope = { all: false, unitCodes: ['BR-HZ', 'SB-HZ-XH', 'SB-HZ-BJ'] };

/** The register answers every page with these rows; the filter each page was asked with is kept. */
class FakeLoanListQueries extends LoanListQueries {
  readonly asked: LoanListFilter[] = [];
  rows: LoanListRow[] = [];
  page(filter: LoanListFilter) {
    this.asked.push(filter);
    return Promise.resolve({ rows: this.rows, total: this.rows.length });
  }
}

function listOver(queries: FakeLoanListQueries) {
  const directory = {
    subtreeCodes: (code: string) =>
      Promise.resolve(code === 'BR-HZ' ? ['BR-HZ', 'SB-HZ-XH', 'SB-HZ-BJ'] : [code]),
  } as unknown as Directory;
  const clock = { today: () => Promise.resolve(TODAY) } as unknown as BusinessClock;
  const service = new LoanListService(queries, directory, clock);
  return (query: Partial<LoanListQuery>, scope = branchScope) =>
    service.list(manager, scope, { page: 1, pageSize: 20, ...query });
}

const row = (over: Partial<LoanListRow> = {}): LoanListRow => ({
  id: 'LN20260315-7KQ2M9',
  applicantName: '张伟',
  product: 'consumer',
  requestedAmountMinor: '12000000',
  requestedTermMonths: 24,
  amountMinor: null,
  termMonths: null,
  branchCode: 'SB-HZ-XH',
  customerManager: 'li.cm',
  status: 'in-decision',
  riskGrade: 'B',
  classification: 'normal',
  decisionOutcome: null,
  decisionReasons: null,
  createdAt: new Date('2026-03-15T02:00:00.000Z'),
  formKey: 'loanflow:review-opinion',
  hasSchedule: false,
  outstandingMinor: null,
  nextDue: null,
  daysPastDue: 0,
  ...over,
});

describe('the loan list: what it asks the register', () => {
  it('reads the reader’s units on the business date, narrowed to a branch of them when asked', async () => {
    const queries = new FakeLoanListQueries();
    const list = listOver(queries);
    await list({});
    await list({ branch: 'BR-HZ' });
    await list({}, { all: true, unitCodes: [] });
    expect(queries.asked.map((f) => [f.asOf, f.units])).toEqual([
      [TODAY, branchScope.unitCodes],
      [TODAY, ['BR-HZ', 'SB-HZ-XH', 'SB-HZ-BJ']],
      [TODAY, 'all'],
    ]);
  });

  it('lists nothing, asking nothing, for a branch outside the reader’s subtree', async () => {
    const queries = new FakeLoanListQueries();
    expect(await listOver(queries)({ branch: 'BR-NB' })).toEqual({
      page: 1,
      pageSize: 20,
      items: [],
      total: 0,
    });
    expect(queries.asked).toEqual([]);
  });

  it('asks for the manager’s own loans, a level, a stage by its forms or as a status', async () => {
    const queries = new FakeLoanListQueries();
    const list = listOver(queries);
    await list({ mine: 'true', classification: 'substandard', stage: 'review' });
    await list({ stage: 'settled' });
    expect(queries.asked[0]).toMatchObject({
      customerManager: 'li.cm',
      classification: 'substandard',
      stage: { forms: ['loanflow:review-opinion'] },
    });
    expect(queries.asked[1]?.stage).toEqual({ status: 'settled' });
    expect(queries.asked[1]).not.toHaveProperty('customerManager');
  });

  it('searches an ID number by its keyed hash only, a loan id exactly, anything else in the name', async () => {
    const queries = new FakeLoanListQueries();
    const list = listOver(queries);
    await list({ q: ' 33010619900101123x ' });
    await list({ q: 'ln20260315-7kq2m9' });
    await list({ q: '张%' });
    expect(queries.asked.map((f) => f.search)).toEqual([
      { idNumberIndex: blindIndex('id-number', '33010619900101123X') },
      { loanId: 'LN20260315-7KQ2M9' },
      { name: '张%' },
    ]);
  });

  it('refuses with the field and reason an ID number that fails its checksum, or a reversed range', async () => {
    const list = listOver(new FakeLoanListQueries());
    await expect(list({ q: '330106199001011235' })).rejects.toThrowDomainError(
      'VALIDATION_FAILED',
      {
        details: {
          fieldErrors: [
            {
              field: 'q',
              reasons: ['not a valid resident identity number'],
              rules: ['isResidentIdNumber'],
            },
          ],
        },
      },
    );
    await expect(list({ dpdFrom: 30, dpdTo: 10 })).rejects.toThrowDomainError('VALIDATION_FAILED', {
      details: {
        fieldErrors: [
          { field: 'dpdTo', reasons: ['must not be below dpdFrom'], rules: ['dpdRange'] },
        ],
      },
    });
  });
});

describe('the loan list: what it shows', () => {
  it('shows the requested terms until decided, the stage from the open task, no position without a schedule', async () => {
    const queries = new FakeLoanListQueries();
    queries.rows = [row()];
    const { items } = await listOver(queries)({});
    expect(items).toEqual([
      expect.objectContaining({
        amount: '120000.00',
        termMonths: 24,
        stage: 'review',
        position: null,
      }),
    ]);
  });

  it('shows the decided terms, the standing on the business date, and no reasons for an approval', async () => {
    const queries = new FakeLoanListQueries();
    queries.rows = [
      row({
        amountMinor: '10000000',
        termMonths: 36,
        status: 'disbursed',
        formKey: null,
        decisionOutcome: 'approved',
        decisionReasons: 'internal note',
        hasSchedule: true,
        outstandingMinor: '9500000',
        nextDue: '2026-06-15',
        daysPastDue: 17,
      }),
    ];
    const [item] = (await listOver(queries)({})).items;
    expect(item).toMatchObject({
      amount: '100000.00',
      termMonths: 36,
      stage: 'disbursed',
      outcome: 'approved',
      outcomeReasons: null,
      position: { asOf: TODAY, balance: '95000.00', nextDueDate: '2026-06-15', daysPastDue: 17 },
    });
  });
});
