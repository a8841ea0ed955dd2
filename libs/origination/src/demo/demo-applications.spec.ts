import { simulatedBureauReport } from '@loanflow/adapters';
import { checkCharacter } from '@loanflow/domain';
import { CLEAN_APPLICANT, freshApplicant } from './demo-applications';

describe('freshApplicant', () => {
  it('gives a person never given before in this process, of the clean applicant standing', () => {
    const applicants = Array.from({ length: 3000 }, () => freshApplicant());
    const idNumbers = new Set(applicants.map((applicant) => applicant.idNumber));
    // A repeat would count one loan as the other's existing exposure with the bank.
    expect(idNumbers.size).toBe(applicants.length);
    expect(idNumbers.has(CLEAN_APPLICANT.idNumber)).toBe(false);
    for (const { idNumber, birthDate } of applicants) {
      expect(idNumber.slice(-1)).toBe(checkCharacter(idNumber.slice(0, 17)));
      expect(idNumber.slice(6, 14)).toBe(birthDate.replaceAll('-', ''));
      const report = simulatedBureauReport(idNumber);
      expect(report.score).toBeGreaterThanOrEqual(750);
      expect(report.overdueAccounts).toBe(0);
    }
  });

  it('keeps what the caller overrides', () => {
    expect(freshApplicant({ monthlyIncome: '9000.00' })).toMatchObject({
      monthlyIncome: '9000.00',
      employer: CLEAN_APPLICANT.employer,
    });
  });
});
