import { LoanDecisionEntity, LoanEntity } from '@loanflow/persistence';
import {
  applyAs,
  approvalOf,
  creditApplication,
  endEventOf,
  eventually,
  FORM,
  originationSuite,
} from '../support';

const DAY = 24 * 3600 * 1000;

describe('a counter-offer the applicant never answers', () => {
  const suite = originationSuite();

  it('lapses after 15 days: the loan ends without contracts, the lapse on record', async () => {
    const { desk, loanId, processInstanceKey } = await applyAs(
      suite.staff,
      creditApplication({ amount: '80000.00' }),
    );
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, {
      ...approvalOf('90000.00', 24),
      counterOffer: true,
      reasons: 'the quote for the works came in higher than asked',
    });
    await suite.staff.waitForTask('li.cm', loanId, 'loanflow:counter-offer-acceptance');
    await suite.stack.clock.advance(15 * DAY + 60_000);
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('OfferDeclined');
    expect(
      (await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId })).status,
    ).toBe('offer-declined');
    expect(
      await suite.dataSource
        .getRepository(LoanDecisionEntity)
        .findOneBy({ loanId, kind: 'offer-acceptance' }),
    ).toMatchObject({ outcome: 'expired', decidedBy: 'system' });
    // The unanswered task leaves the inbox once the engine's cancellation is read.
    const inbox = await eventually(
      async () =>
        (
          await suite.staff.as('li.cm', (api) =>
            api.GET('/api/tasks', { params: { query: { loan: loanId } } }),
          )
        ).data?.items,
      (items) => items?.length === 0,
    );
    expect(inbox).toEqual([]);
  });
});
