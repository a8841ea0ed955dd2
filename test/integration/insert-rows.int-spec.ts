import { DataSource } from 'typeorm';
import { loadConfig } from '@loanflow/config';
import { buildDataSourceOptions, insertRows, LoanDutyEntity } from '@loanflow/persistence';
import { uniqueKey } from '../support';

/** Rows inserted without being read back are the rows asked for, under the id answered. */
describe('inserting rows without reading them back, on the real database', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
  });

  afterAll(() => dataSource.destroy());

  const duty = (businessKey: string, username: string) => ({
    businessKey,
    duty: 'repayment-recording',
    username,
    taskId: '-',
    ref: `repayment:${username}`,
  });

  it('answers the generated id of the row, whose defaulted columns the database fills', async () => {
    const loan = uniqueKey('LNI');
    const before = Date.now() - 60_000;
    const id = await insertRows(dataSource.manager, LoanDutyEntity, duty(loan, 'li.cm'));
    const row = await dataSource.getRepository(LoanDutyEntity).findOneByOrFail({ id });
    expect(row).toMatchObject({ ...duty(loan, 'li.cm'), id });
    expect(row.at.getTime()).toBeGreaterThan(before);
  });

  it('inserts many rows in one statement, the first under the id answered', async () => {
    const loan = uniqueKey('LNI');
    const id = await insertRows(dataSource.manager, LoanDutyEntity, [
      duty(loan, 'li.cm'),
      duty(loan, 'chen.center'),
    ]);
    const rows = await dataSource
      .getRepository(LoanDutyEntity)
      .find({ where: { businessKey: loan }, order: { id: 'ASC' } });
    expect(rows.map((row) => [row.id, row.username])).toEqual([
      [id, 'li.cm'],
      [expect.any(String), 'chen.center'],
    ]);
  });

  it('writes nothing when its transaction rolls back', async () => {
    const loan = uniqueKey('LNI');
    await expect(
      dataSource.transaction(async (manager) => {
        await insertRows(manager, LoanDutyEntity, duty(loan, 'li.cm'));
        throw new Error('the payment failed after its duty was written');
      }),
    ).rejects.toThrow(/payment failed/);
    expect(await dataSource.getRepository(LoanDutyEntity).countBy({ businessKey: loan })).toBe(0);
  });
});
