import { Money } from '../money/money';
import { assertWithinAuthority, AuthorityLimit, requiredLevel } from './approval-authority';

const yuan = (amount: string) => Money.parse(amount);
const schedule: AuthorityLimit[] = [
  { level: 'branch', product: 'consumer', maxRiskGrade: 'B', maxAmount: yuan('300000.00') },
  { level: 'center', product: 'consumer', maxRiskGrade: 'C', maxAmount: yuan('1000000.00') },
  { level: 'committee', product: 'consumer', maxRiskGrade: 'D', maxAmount: yuan('99999999999.99') },
  { level: 'branch', product: 'housing', maxRiskGrade: 'B', maxAmount: yuan('2000000.00') },
];
const branchApprover = schedule.filter((limit) => limit.level === 'branch');

describe('approval authority (授权)', () => {
  it('lets an approver approve within their limit', () => {
    expect(() =>
      assertWithinAuthority('zhao', branchApprover, schedule, {
        product: 'consumer',
        riskGrade: 'A',
        amount: yuan('300000.00'),
      }),
    ).not.toThrow();
  });

  it('refuses above the amount, naming the level required', () => {
    expect(() =>
      assertWithinAuthority('zhao', branchApprover, schedule, {
        product: 'consumer',
        riskGrade: 'B',
        amount: yuan('300000.01'),
      }),
    ).toThrowDomainError('ABOVE_AUTHORITY', {
      message:
        'zhao may not approve 300000.01 CNY of consumer at risk grade B: their limit for consumer is 300000.00 up to grade B; ' +
        'approval by center head (中心负责人) is required',
      details: { requiredLevel: 'center' },
    });
  });

  it('refuses a riskier grade even for a small amount', () => {
    expect(() =>
      assertWithinAuthority('zhao', branchApprover, schedule, {
        product: 'consumer',
        riskGrade: 'D',
        amount: yuan('1000.00'),
      }),
    ).toThrowDomainError('ABOVE_AUTHORITY', { details: { requiredLevel: 'committee' } });
  });

  it('refuses a product the approver holds no authority for', () => {
    expect(() =>
      assertWithinAuthority('zhao', branchApprover, schedule, {
        product: 'business',
        riskGrade: 'A',
        amount: yuan('1.00'),
      }),
    ).toThrowDomainError('ABOVE_AUTHORITY', { message: /their limit for business is none/ });
  });

  it('finds the lowest level that covers a request', () => {
    expect(
      requiredLevel(schedule, { product: 'consumer', riskGrade: 'C', amount: yuan('500000.00') }),
    ).toBe('center');
    expect(
      requiredLevel(schedule, { product: 'housing', riskGrade: 'A', amount: yuan('1500000.00') }),
    ).toBe('branch');
  });
});
