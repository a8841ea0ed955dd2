import type { LoanRestructuringEntity } from '@loanflow/persistence';
import { extensionRow, LOAN } from '../requests/loan-request-records.fixture';
import {
  customerManager,
  describeRequestFiling,
  INSTANCE_KEY,
  NOW,
  OVERDUE,
  refusedCodes,
  RequestHarness,
} from '../requests/request-filing.fixture';
import { RestructuringRequestBody, RestructuringsService } from './restructurings.service';

const extension = (over: Partial<RestructuringRequestBody> = {}): RestructuringRequestBody => ({
  kind: 'extension',
  extraMonths: 6,
  reason: '借款人所在企业停产三个月，收入暂时下降，申请展期',
  ...over,
});

const serviceOver = (harness: RequestHarness) =>
  new RestructuringsService(
    harness.records,
    harness.audit,
    harness.loans,
    harness.clock,
    harness.zeebe,
  );

/** A restructuring as the register holds it, filed on 1 April 2026. */
const restructuringRow = (over: Partial<LoanRestructuringEntity>) =>
  extensionRow({
    extraMonths: 3,
    reason: '收入下降',
    ...over,
  });

describe('restructurings: the rules the service keeps over its register', () => {
  describeRequestFiling('restructuring', {
    file: (harness, principal, loanId = LOAN) =>
      serviceOver(harness).request(principal, loanId, extension()),
    openRequest: () => restructuringRow({}),
  });

  it('gives the view of the request and hands the reviewer its kind, months and reason', async () => {
    const harness = new RequestHarness();
    const view = await serviceOver(harness).request(customerManager, LOAN, extension());
    expect(view).toEqual({
      id: view.id,
      loanId: LOAN,
      kind: 'extension',
      extraMonths: 6,
      reason: '借款人所在企业停产三个月，收入暂时下降，申请展期',
      requestedBy: 'li.cm',
      requestedAt: NOW.toISOString(),
      state: 'requested',
      processInstanceKey: INSTANCE_KEY,
      decidedBy: null,
      outcome: null,
      closedAt: null,
    });
    expect(harness.records.stored('restructuring', view.id)).toMatchObject({ openKey: LOAN });
    expect(harness.startedInstances[0]?.variables).toMatchObject({
      restructuring: {
        kind: 'extension',
        extraMonths: 6,
        reason: '借款人所在企业停产三个月，收入暂时下降，申请展期',
      },
    });
    expect(harness.records.audited).toEqual([
      expect.objectContaining({
        inputs: extension(),
        reason: 'extension by 6 months requested: 借款人所在企业停产三个月，收入暂时下降，申请展期',
      }),
    ]);
  });

  it('refuses to extend an overdue loan, which is restructured instead', async () => {
    const harness = new RequestHarness();
    harness.now = OVERDUE;
    const service = serviceOver(harness);
    await expect(service.request(customerManager, LOAN, extension())).rejects.toThrowDomainError(
      'EXTENSION_WHILE_OVERDUE',
    );
    expect(refusedCodes(harness)).toEqual(['EXTENSION_WHILE_OVERDUE']);
    const restructured = await service.request(
      customerManager,
      LOAN,
      extension({ kind: 'restructuring' }),
    );
    expect(restructured).toMatchObject({ kind: 'restructuring', state: 'requested' });
  });

  it('counts the extensions applied before against the limit (half of a 24-month term)', async () => {
    const harness = new RequestHarness();
    harness.records.put(
      'restructuring',
      restructuringRow({ openKey: null, extraMonths: 8, state: 'applied' }),
    );
    const service = serviceOver(harness);
    await expect(
      service.request(customerManager, LOAN, extension({ extraMonths: 5 })),
    ).rejects.toThrowDomainError('EXTENSION_BEYOND_LIMIT', {
      details: { limitMonths: 12, extendedSoFar: 8, extraMonths: 5 },
    });
    expect(
      await service.request(customerManager, LOAN, extension({ extraMonths: 4 })),
    ).toMatchObject({ extraMonths: 4 });
  });

  it('refuses new terms beyond the product’s longest term, on the extraMonths field', async () => {
    const harness = new RequestHarness();
    await expect(
      serviceOver(harness).request(
        customerManager,
        LOAN,
        extension({ kind: 'restructuring', extraMonths: 40 }),
      ),
    ).rejects.toMatchObject({
      code: 'DECISION_OUT_OF_BOUNDS',
      details: { fieldErrors: [expect.objectContaining({ field: 'extraMonths' })] },
    });
    expect(harness.records.requests.restructuring).toEqual([]);
  });

  it('lists the loan’s requests oldest first', async () => {
    const harness = new RequestHarness();
    harness.records.put('restructuring', restructuringRow({ id: '52', openKey: null }));
    harness.records.put('restructuring', restructuringRow({ id: '47', openKey: null }));
    harness.records.put(
      'restructuring',
      restructuringRow({ id: '49', loanId: 'LN20260101-OTHER1' }),
    );
    const views = await serviceOver(harness).list(LOAN);
    expect(views.map((view) => view.id)).toEqual(['47', '52']);
  });
});
