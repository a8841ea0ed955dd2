import {
  applyAs,
  creditApplication,
  disbursedLoan,
  endEventOf,
  freshApplicant,
  originationSuite,
} from '../support';

/**
 * 借新还旧: a borrower behind on a loan with the bank applies again. The automatic checks read the
 * applicant's loans by the blind index of their ID number, as they stand on the engine's day.
 */
describe('existing loans with the bank at the automatic checks', () => {
  const suite = originationSuite();

  it('refuses an applicant whose loan with the bank is overdue, naming the loan and the days', async () => {
    const applicant = freshApplicant();
    const earlier = await disbursedLoan(suite.stack, { applicant });
    const schedule = (await suite.staff.loan('li.cm', earlier)).schedule!.installments;

    // Three days after the first installment fell due, unpaid.
    const at = new Date(`${schedule[0].dueDate}T10:00:00+08:00`).getTime() + 3 * 86_400_000;
    const now = (await suite.stack.clock.now()).getTime();
    if (at > now) await suite.stack.clock.advance(at - now);

    const { desk, processInstanceKey } = await applyAs(
      suite.staff,
      creditApplication({ applicant, amount: '50000.00' }),
    );
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('NotGranted');
    const dossier = await suite.staff.loan('li.cm', desk.loanId);
    expect(dossier.status).toBe('refused');
    expect(dossier.decision?.stage).toBe('automatic-checks');
    expect(dossier.decision?.reasons).toContain(
      `the applicant's loan ${earlier} is 3 days past due; a new loan would repay an overdue one (借新还旧)`,
    );
    expect(dossier.creditChecks?.exposure).toMatchObject({
      loans: 1,
      outstanding: '12000.00',
      overdueLoans: [earlier],
    });

    // Someone else with no loan at the bank is not held to it on the same day.
    const other = await applyAs(suite.staff, creditApplication({ amount: '50000.00' }));
    await suite.staff.waitForTask('li.cm', other.loanId, 'loanflow:investigation-report');
  });
});
