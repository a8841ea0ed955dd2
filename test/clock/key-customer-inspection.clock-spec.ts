import {
  addMonthsClamped,
  formatIsoDate,
  inspectionIntervalMonths,
  LoanProduct,
  parseIsoDate,
  RiskGrade,
} from '@loanflow/domain';
import { LoanEntity, LoanInspectionEntity } from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, eventually, freshApplicant, originationSuite } from '../support';

const INSPECTION = 'loanflow:inspection-report';
const STABLE_REPORT = {
  borrowerSituation: 'stable',
  finances: 'stable',
  guarantees: 'not-applicable',
  collateral: 'not-applicable',
  useOfFunds: 'as-agreed',
  findings: 'the renovation is done as contracted; the borrower’s salary is paid as before',
  proposedClassification: 'normal',
  warningLevel: 'none',
};

/**
 * A key customer's loan (重点客户) on the broker's clock: listed with the default interval of 3
 * months, the borrower's consumer loan (6 months otherwise) gets its periodic inspection 3 months
 * after the first, handed to the post-loan officer 7 days before.
 */
describe('a key customer’s loan is inspected at the list’s shorter interval', () => {
  const suite = originationSuite(ServicingWorkersModule);

  const inspection = (loanId: string, number: number) =>
    eventually(
      () => suite.dataSource.getRepository(LoanInspectionEntity).findOneBy({ loanId, number }),
      (row) => row !== null,
    ).then((row) => row!);
  const openOn = async (date: string) => {
    const at = new Date(`${date}T10:00:00+08:00`).getTime();
    const now = (await suite.stack.clock.now()).getTime();
    if (at > now) await suite.stack.clock.advance(at - now);
  };

  it('plans the periodic inspection 3 months after the first, not 6, and hands it out on time', async () => {
    const person = freshApplicant();
    const listed = await suite.staff.as('yang.risk', (api) =>
      api.POST('/api/key-customers', {
        body: {
          idNumber: person.idNumber,
          name: person.name,
          reason: '经营收入波动较大，列入总行级重点客户',
        },
      }),
    );
    expect(listed.response.status).toBe(201);
    expect(listed.data?.inspectionMonths).toBe(3);

    const loanId = await disbursedLoan(suite.stack, { applicant: person });
    const loan = await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId });
    // Unlisted, this loan would be inspected every 6 months.
    expect(
      inspectionIntervalMonths(
        loan.product as LoanProduct,
        (loan.riskGrade as RiskGrade | null) ?? null,
        'normal',
      ),
    ).toBe(6);

    const first = await inspection(loanId, 1);
    expect(first.kind).toBe('first');
    await openOn(first.opensOn);
    const task = await suite.staff.waitForTask('guo.postloan', loanId, INSPECTION);
    const reported = await suite.staff.post('guo.postloan', `/api/tasks/${task.id}/complete`, {
      answer: STABLE_REPORT,
    });
    expect(reported.status).toBe(200);

    const second = await inspection(loanId, 2);
    expect(second).toMatchObject({
      kind: 'periodic',
      intervalMonths: 3,
      dueOn: formatIsoDate(addMonthsClamped(parseIsoDate(first.dueOn)!, 3)),
    });
    await openOn(second.opensOn);
    const next = await suite.staff.waitForTask('guo.postloan', loanId, INSPECTION);
    expect(next.id).not.toBe(task.id);
  });
});
