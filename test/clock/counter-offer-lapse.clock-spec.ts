import { DataSource } from 'typeorm';
import { LoanDecisionEntity, LoanEntity } from '@loanflow/persistence';
import {
  applyAs,
  approvalOf,
  creditApplication,
  endEventOf,
  eventually,
  FORM,
  openOriginationStack,
  Staff,
  TestStack,
} from '../support';

const DAY = 24 * 3600 * 1000;

describe('a counter-offer the applicant never answers', () => {
  let stack: TestStack;
  let staff: Staff;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await openOriginationStack();
    staff = stack.staff!;
    dataSource = stack.api!.get(DataSource);
  });

  afterAll(async () => {
    await stack.close();
  });

  it('lapses after 15 days: the loan ends without contracts, the lapse on record', async () => {
    const { desk, loanId, processInstanceKey } = await applyAs(
      staff,
      creditApplication({ amount: '80000.00' }),
    );
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, {
      ...approvalOf('90000.00', 24),
      counterOffer: true,
      reasons: 'the quote for the works came in higher than asked',
    });
    await staff.waitForTask('li.cm', loanId, 'loanflow:counter-offer-acceptance');
    await stack.clock.advance(15 * DAY + 60_000);
    expect(await endEventOf(stack.records, processInstanceKey)).toBe('OfferDeclined');
    expect(
      (await dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId })).status,
    ).toBe('offer-declined');
    expect(
      await dataSource
        .getRepository(LoanDecisionEntity)
        .findOneBy({ loanId, kind: 'offer-acceptance' }),
    ).toMatchObject({ outcome: 'expired', decidedBy: 'system' });
    // The unanswered task leaves the inbox once the engine's cancellation is read.
    const inbox = await eventually(
      async () =>
        (
          await staff.as('li.cm', (api) =>
            api.GET('/api/tasks', { params: { query: { loan: loanId } } }),
          )
        ).data?.items,
      (items) => items?.length === 0,
    );
    expect(inbox).toEqual([]);
  });
});
