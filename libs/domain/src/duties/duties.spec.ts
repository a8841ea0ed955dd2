import { Actor, assertDutyAllowed, DutyRecord, LoanParties } from './duties';

const parties: LoanParties = {
  applicantIdNumber: '330106199001011234',
  guarantorIdNumbers: ['330106198502022345'],
};
const actor = (username: string, extra: Partial<Actor> = {}): Actor => ({
  username,
  idNumber: '330106197001013456',
  relativeIdNumbers: [],
  ...extra,
});

describe('separation of duties (审贷分离)', () => {
  const investigatedByLi: DutyRecord[] = [{ duty: 'investigation', username: 'li' }];

  it('lets three different people investigate, review and approve', () => {
    const history: DutyRecord[] = [...investigatedByLi, { duty: 'review', username: 'wang' }];
    expect(() => assertDutyAllowed(actor('zhao'), 'approval', history, parties)).not.toThrow();
  });

  it('refuses the investigator as reviewer, naming both duties', () => {
    expect(() =>
      assertDutyAllowed(actor('li'), 'review', investigatedByLi, parties),
    ).toThrowDomainError('SEPARATION_OF_DUTIES', {
      message:
        'li did the investigation (贷前调查) of this loan and may not also do its review (贷款审查)',
    });
  });

  it('refuses the reviewer as approver and the approver as investigator', () => {
    expect(() =>
      assertDutyAllowed(actor('wang'), 'approval', [{ duty: 'review', username: 'wang' }], parties),
    ).toThrowDomainError('SEPARATION_OF_DUTIES');
    expect(() =>
      assertDutyAllowed(
        actor('zhao'),
        'investigation',
        [{ duty: 'approval', username: 'zhao' }],
        parties,
      ),
    ).toThrowDomainError('SEPARATION_OF_DUTIES');
  });

  it('refuses one person approving at two levels; another approver may take the next level', () => {
    const approvedByZhao: DutyRecord[] = [
      ...investigatedByLi,
      { duty: 'review', username: 'wang' },
      { duty: 'approval', username: 'zhao' },
    ];
    expect(() =>
      assertDutyAllowed(actor('zhao'), 'approval', approvedByZhao, parties),
    ).toThrowDomainError('SEPARATION_OF_DUTIES', {
      detailsIncluding: {
        rule: 'each level of approval (branch, center, committee) is done by a different person',
      },
    });
    expect(() =>
      assertDutyAllowed(actor('chen'), 'approval', approvedByZhao, parties),
    ).not.toThrow();
  });

  it('lets the investigator investigate again after a return for supplement', () => {
    expect(() =>
      assertDutyAllowed(actor('li'), 'investigation', investigatedByLi, parties),
    ).not.toThrow();
  });

  it('keeps the mortgage clerk apart from review, approval and disbursement check, both ways', () => {
    const clerk: DutyRecord[] = [{ duty: 'mortgage-registration', username: 'chen' }];
    for (const duty of ['review', 'approval', 'disbursement-check'] as const) {
      expect(() => assertDutyAllowed(actor('chen'), duty, clerk, parties)).toThrowDomainError(
        'SEPARATION_OF_DUTIES',
        { detailsIncluding: { conflictingDuty: 'mortgage-registration' } },
      );
    }
    expect(() =>
      assertDutyAllowed(
        actor('chen'),
        'mortgage-registration',
        [{ duty: 'disbursement-check', username: 'chen' }],
        parties,
      ),
    ).toThrowDomainError('SEPARATION_OF_DUTIES');
    // The clerk may be the customer manager who investigated: that pair is not forbidden.
    expect(() =>
      assertDutyAllowed(actor('li'), 'mortgage-registration', investigatedByLi, parties),
    ).not.toThrow();
  });

  it('ignores what other people did', () => {
    expect(() =>
      assertDutyAllowed(actor('wang'), 'review', investigatedByLi, parties),
    ).not.toThrow();
  });
});

describe('conflict of interest', () => {
  it('refuses work on one’s own application', () => {
    expect(() =>
      assertDutyAllowed(
        actor('li', { idNumber: '330106199001011234' }),
        'investigation',
        [],
        parties,
      ),
    ).toThrowDomainError('CONFLICT_OF_INTEREST', { message: /it is their own/ });
  });

  it('refuses work where a declared relative is applicant or guarantor', () => {
    expect(() =>
      assertDutyAllowed(
        actor('wang', { relativeIdNumbers: ['330106198502022345'] }),
        'review',
        [],
        parties,
      ),
    ).toThrowDomainError('CONFLICT_OF_INTEREST', { message: /relative/ });
  });

  it('does not trip over unknown ID numbers', () => {
    expect(() =>
      assertDutyAllowed(actor('wang', { idNumber: null }), 'review', [], {
        applicantIdNumber: null,
        guarantorIdNumbers: [],
      }),
    ).not.toThrow();
  });
});
