/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- reads API bodies typed any (supertest); the typed client (staff.as) is the way out */
import { Staff, TestStack } from '../support';

describe('POST /api/loan-quotes', () => {
  let stack: TestStack;
  let staff: Staff;

  beforeAll(async () => {
    stack = await TestStack.open({ api: true });
    staff = stack.staff!;
  });

  afterAll(async () => {
    await stack.close();
  });

  const quote = (body: object) => staff.post('li.cm', '/api/loan-quotes', body);

  it('quotes 5,000 at 12% over 18 months, equal installment: 304.91 a month', async () => {
    const response = await quote({
      principal: '5000.00',
      annualRate: '0.12',
      termMonths: 18,
      method: 'equal-installment',
      startDate: '2026-01-31',
    });
    expect(response.status).toBe(200);
    const { installments, totalInterest, totalPayment } = response.body;
    expect(installments).toHaveLength(18);
    expect(
      installments.slice(0, 17).every((line: { payment: string }) => line.payment === '304.91'),
    ).toBe(true);
    expect(installments[0]).toEqual({
      number: 1,
      dueDate: '2026-02-28',
      payment: '304.91',
      principal: '254.91',
      interest: '50.00',
      balance: '4745.09',
    });
    expect(installments[2].dueDate).toBe('2026-04-30');
    expect(installments[17].balance).toBe('0.00');
    expect(totalPayment).toBe((Number(totalInterest) + 5000).toFixed(2));
  });

  it('quotes equal principal: 277.78 principal a month and 475.00 interest in all', async () => {
    const response = await quote({
      principal: '5000.00',
      annualRate: '0.12',
      termMonths: 18,
      method: 'equal-principal',
    });
    expect(response.status).toBe(200);
    const principals = response.body.installments.map(
      (line: { principal: string }) => line.principal,
    );
    expect(principals.slice(0, 17)).toEqual(Array(17).fill('277.78'));
    expect(principals[17]).toBe('277.74');
    expect(response.body.totalInterest).toBe('475.00');
    expect(response.body.totalPayment).toBe('5475.00');
  });

  it('refuses a float amount and an unknown method with 400 naming the fields', async () => {
    const response = await quote({
      principal: 5000.5,
      annualRate: '12%',
      termMonths: 0,
      method: 'balloon',
    });
    expect(response.status).toBe(400);
    expect(response.body.fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual([
      'annualRate',
      'method',
      'principal',
      'termMonths',
    ]);
  });
});
