import type { components } from '@loanflow/api-client';
import { randomInt } from 'node:crypto';
import { creditApplication, freshApplicant } from '@loanflow/origination';
import { LoanInstallmentEntity } from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { applyAs, disbursedLoan, originationSuite } from '../support';

type LoanListPage = components['schemas']['LoanListPage'];

describe('the loan list: scoped to the reader’s units, filtered, each loan with its standing', () => {
  const suite = originationSuite(ServicingWorkersModule);
  // Names of this run only, so that loans other specs left in the database do not answer.
  const tag = `${randomInt(100_000, 999_999)}`;
  const servicedName = `列表甲${tag}`;
  const pendingName = `列表乙${tag}`;
  // Two people: the second applies while the first is behind, which the first may not.
  const servicedApplicant = freshApplicant({ name: servicedName });
  const pendingApplicant = freshApplicant({ name: pendingName });
  let serviced: string;
  let pending: string;

  beforeAll(async () => {
    serviced = await disbursedLoan(suite.stack, {
      applicant: servicedApplicant,
    });
    // Aged as if paid out 100 days ago: three installments have fallen due unpaid.
    await suite.dataSource.query(
      `UPDATE loan_installment SET due_date = DATE_FORMAT(DATE_SUB(STR_TO_DATE(due_date, '%Y-%m-%d'), INTERVAL 100 DAY), '%Y-%m-%d') WHERE loan_id = ?`,
      [serviced],
    );
    await suite.dataSource.query(
      `UPDATE loan SET disbursed_at = DATE_SUB(disbursed_at, INTERVAL 100 DAY) WHERE id = ?`,
      [serviced],
    );
    ({ loanId: pending } = await applyAs(
      suite.staff,
      creditApplication({ applicant: pendingApplicant }),
    ));
    await suite.staff.waitForTask('li.cm', pending, 'loanflow:investigation-report');
  });

  const list = async (user: string, query: string) => {
    const response = await suite.staff.get(user, `/api/loans?${query}`);
    expect(response.status).toBe(200);
    return response.body as LoanListPage;
  };
  const ids = async (user: string, query: string) =>
    (await list(user, query)).items.map((item) => item.id);

  it('gives a serviced loan the standing its dossier computes, and a loan in origination its stage', async () => {
    const page = await list('li.cm', `q=${encodeURIComponent(`列表甲${tag}`)}`);
    expect(page.total).toBe(1);
    const [item] = page.items;
    expect(item).toMatchObject({
      id: serviced,
      applicantName: servicedName,
      status: 'disbursed',
      stage: 'disbursed',
      outcome: 'approved',
    });
    expect(JSON.stringify(item)).not.toContain(servicedApplicant.idNumber);
    const dossier = (await suite.staff.get('li.cm', `/api/loans/${serviced}`)).body as {
      position: {
        asOf: string;
        daysPastDue: number;
        outstandingPrincipal: string;
        nextDueDate: string | null;
      };
    };
    expect(dossier.position.daysPastDue).toBeGreaterThan(60);
    expect(item.position).toMatchObject({
      asOf: dossier.position.asOf,
      daysPastDue: dossier.position.daysPastDue,
      balance: dossier.position.outstandingPrincipal,
      nextDueDate: dossier.position.nextDueDate,
    });
    const next = (
      await suite.dataSource
        .getRepository(LoanInstallmentEntity)
        .find({ where: { loanId: serviced }, order: { number: 'ASC' } })
    ).find((installment) => installment.dueDate >= dossier.position.asOf)!;
    expect(item.position!.nextDueDate).toBe(next.dueDate);

    const [origination] = (await list('li.cm', `q=${encodeURIComponent(pendingName)}`)).items;
    expect(origination).toMatchObject({ id: pending, stage: 'investigation', position: null });
  });

  it('filters by days past due, stage, classification, the reader’s own loans and branch', async () => {
    const [item] = (await list('li.cm', `q=${encodeURIComponent(servicedName)}`)).items;
    const dpd = item.position!.daysPastDue;
    const name = `q=${encodeURIComponent(`${tag}`)}`;
    expect(await ids('li.cm', `${name}&dpdFrom=${dpd}&dpdTo=${dpd}`)).toEqual([serviced]);
    expect(await ids('li.cm', `${name}&dpdFrom=${dpd + 1}`)).toEqual([]);
    expect(await ids('li.cm', `${name}&dpdTo=${dpd - 1}`)).toEqual([]);
    expect(await ids('li.cm', `${name}&stage=investigation`)).toEqual([pending]);
    expect(await ids('li.cm', `${name}&stage=disbursed`)).toEqual([serviced]);
    expect(await ids('li.cm', `${name}&stage=review`)).toEqual([]);
    expect(await ids('li.cm', `${name}&classification=${item.classification}`)).toContain(serviced);
    expect(await ids('li.cm', `${name}&classification=loss`)).toEqual([]);
    expect((await ids('li.cm', `${name}&mine=true`)).sort()).toEqual([pending, serviced].sort());
    expect(await ids('zhou.cm', `${name}&mine=true`)).toEqual([]);
    expect((await ids('chen.center', `${name}&branch=SB-HZ-XH`)).sort()).toEqual(
      [pending, serviced].sort(),
    );
    expect(await ids('chen.center', `${name}&branch=SB-HZ-BJ`)).toEqual([]);
    // Another branch's reader finds nothing, even naming the loan or its branch.
    expect(await ids('sun.cm', name)).toEqual([]);
    expect(await ids('sun.cm', `q=${serviced}`)).toEqual([]);
    expect(await ids('wu.center', `${name}&branch=SB-HZ-XH`)).toEqual([]);
    // Head office sees the whole bank.
    expect((await ids('xu.committee', name)).sort()).toEqual([pending, serviced].sort());
  });

  it('finds a borrower by ID number through its blind index, and by loan id', async () => {
    const byId = await ids('li.cm', `q=${servicedApplicant.idNumber}&pageSize=100`);
    expect(byId).toEqual([serviced]);
    expect(await ids('li.cm', `q=${pendingApplicant.idNumber}&pageSize=100`)).toEqual([pending]);
    // Another person's valid number finds none of them.
    const other = await ids('li.cm', `q=110101199003074514&pageSize=100`);
    expect(other).not.toContain(serviced);
    expect(await ids('li.cm', `q=${serviced}`)).toEqual([serviced]);
  });

  it('pages, and answers 400 naming the field for what it cannot read', async () => {
    const first = await list('li.cm', `q=${tag}&pageSize=1&page=1`);
    const second = await list('li.cm', `q=${tag}&pageSize=1&page=2`);
    expect(first.total).toBe(2);
    expect(first.items).toHaveLength(1);
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);

    const fieldErrorsOf = (response: { body: unknown }) =>
      (response.body as { fieldErrors: unknown[] }).fieldErrors;
    const refused = async (query: string, field: string) => {
      const response = await suite.staff.get('li.cm', `/api/loans?${query}`);
      expect(response.status).toBe(400);
      expect(fieldErrorsOf(response)).toEqual([expect.objectContaining({ field })]);
    };
    await refused('q=330106199001011230', 'q');
    await refused('dpdFrom=10&dpdTo=5', 'dpdTo');
    expect(fieldErrorsOf(await suite.staff.get('li.cm', '/api/loans?dpdFrom=10&dpdTo=5'))).toEqual([
      { field: 'dpdTo', reasons: ['must not be below dpdFrom'], rules: ['dpdRange'] },
    ]);
    await refused('dpdFrom=-1', 'dpdFrom');
    await refused('stage=nowhere', 'stage');
    await refused('classification=fine', 'classification');
    await refused('pageSize=500', 'pageSize');
  });
});
