import { components } from '@loanflow/api-client';
import { stackSuite } from '../support';

describe('POST /api/loan-quotes', () => {
  const suite = stackSuite({ api: true });

  const quote = (body: components['schemas']['LoanQuoteRequest']) =>
    suite.staff.as('li.cm', (api) => api.POST('/api/loan-quotes', { body }));

  it('quotes 5,000 at 12% over 18 months, equal installment: 304.91 a month', async () => {
    const response = await quote({
      principal: '5000.00',
      annualRate: '0.12',
      termMonths: 18,
      method: 'equal-installment',
      startDate: '2026-01-31',
    });
    expect(response.response.status).toBe(200);
    const { installments, totalInterest, totalPayment } = response.data!;
    expect(installments).toHaveLength(18);
    expect(installments.slice(0, 17).every((line) => line.payment === '304.91')).toBe(true);
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
    expect(response.response.status).toBe(200);
    const principals = response.data!.installments.map((line) => line.principal);
    expect(principals.slice(0, 17)).toEqual(Array(17).fill('277.78'));
    expect(principals[17]).toBe('277.74');
    expect(response.data!.totalInterest).toBe('475.00');
    expect(response.data!.totalPayment).toBe('5475.00');
  });

  it('refuses a float amount and an unknown method with 400 naming the fields', async () => {
    // Bad input as a client might send it, past the typed client.
    const response = await suite.staff.post('li.cm', '/api/loan-quotes', {
      principal: 5000.5,
      annualRate: '12%',
      termMonths: 0,
      method: 'balloon',
    });
    expect(response.status).toBe(400);
    const { fieldErrors } = response.body as { fieldErrors: { field: string }[] };
    expect(fieldErrors.map((e) => e.field).sort()).toEqual([
      'annualRate',
      'method',
      'principal',
      'termMonths',
    ]);
  });
});
