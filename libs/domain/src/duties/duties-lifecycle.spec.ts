import {
  Actor,
  assertDutyAllowed,
  assertNoConflictOfInterest,
  DutyRecord,
  LoanParties,
} from './duties';

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

describe('separation of duties after origination', () => {
  const refusal = (duty: string, conflictingDuty: string) => ({
    detailsIncluding: { duty, conflictingDuty },
  });
  const origination: DutyRecord[] = [
    { duty: 'investigation', username: 'li' },
    { duty: 'review', username: 'wang' },
    { duty: 'approval', username: 'zhao' },
    { duty: 'approval', username: 'chen' },
    { duty: 'mortgage-registration', username: 'ma' },
    { duty: 'disbursement-check', username: 'hu' },
  ];

  it('keeps the disbursement check apart from investigation, review and approval, both ways', () => {
    for (const [username, duty] of [
      ['li', 'investigation'],
      ['wang', 'review'],
      ['zhao', 'approval'],
    ] as const) {
      expect(() =>
        assertDutyAllowed(actor(username), 'disbursement-check', origination, parties),
      ).toThrowDomainError('SEPARATION_OF_DUTIES', refusal('disbursement-check', duty));
      expect(() =>
        assertDutyAllowed(
          actor('hu'),
          duty,
          [{ duty: 'disbursement-check', username: 'hu' }],
          parties,
        ),
      ).toThrowDomainError('SEPARATION_OF_DUTIES', refusal(duty, 'disbursement-check'));
    }
    expect(() =>
      assertDutyAllowed(actor('hu'), 'disbursement-check', origination, parties),
    ).not.toThrow();
  });

  it('still names the mortgage clerk first when the checker also reviewed', () => {
    const history: DutyRecord[] = [
      { duty: 'mortgage-registration', username: 'ma' },
      { duty: 'review', username: 'ma' },
    ];
    expect(() =>
      assertDutyAllowed(actor('ma'), 'disbursement-check', history, parties),
    ).toThrowDomainError(
      'SEPARATION_OF_DUTIES',
      refusal('disbursement-check', 'mortgage-registration'),
    );
  });

  it('refuses the investigator, the reviewer and every approver as write-off approver', () => {
    for (const [username, duty] of [
      ['li', 'investigation'],
      ['wang', 'review'],
      ['zhao', 'approval'],
      ['chen', 'approval'],
    ] as const) {
      expect(() =>
        assertDutyAllowed(actor(username), 'write-off-approval', origination, parties),
      ).toThrowDomainError('SEPARATION_OF_DUTIES', refusal('write-off-approval', duty));
    }
    expect(() =>
      assertDutyAllowed(actor('xu'), 'write-off-approval', origination, parties),
    ).not.toThrow();
    // The mortgage clerk and the disbursement supervisor are not barred from it.
    expect(() =>
      assertDutyAllowed(actor('ma'), 'write-off-approval', origination, parties),
    ).not.toThrow();
    // And the other way: a write-off approver never approves the loan's next level.
    expect(() =>
      assertDutyAllowed(
        actor('xu'),
        'approval',
        [{ duty: 'write-off-approval', username: 'xu' }],
        parties,
      ),
    ).toThrowDomainError('SEPARATION_OF_DUTIES', refusal('approval', 'write-off-approval'));
  });

  it('keeps request, review and approval of one restructuring with three people', () => {
    const r1: DutyRecord[] = [
      { duty: 'restructuring-request', username: 'li', ref: 'R1' },
      { duty: 'restructuring-review', username: 'wang', ref: 'R1' },
    ];
    expect(() =>
      assertDutyAllowed(actor('li'), 'restructuring-review', r1, parties, { ref: 'R1' }),
    ).toThrowDomainError(
      'SEPARATION_OF_DUTIES',
      refusal('restructuring-review', 'restructuring-request'),
    );
    expect(() =>
      assertDutyAllowed(actor('li'), 'restructuring-approval', r1, parties, { ref: 'R1' }),
    ).toThrowDomainError('SEPARATION_OF_DUTIES', {
      message:
        'li did the extension or restructuring request (展期/重组申请) of this loan (R1) and may not also do its extension or restructuring approval (展期/重组审批)',
    });
    expect(() =>
      assertDutyAllowed(actor('wang'), 'restructuring-approval', r1, parties, { ref: 'R1' }),
    ).toThrowDomainError(
      'SEPARATION_OF_DUTIES',
      refusal('restructuring-approval', 'restructuring-review'),
    );
    expect(() =>
      assertDutyAllowed(actor('zhao'), 'restructuring-approval', r1, parties, { ref: 'R1' }),
    ).not.toThrow();
  });

  it('lets a person act in another restructuring of the same loan', () => {
    const r1: DutyRecord[] = [{ duty: 'restructuring-request', username: 'li', ref: 'R1' }];
    expect(() =>
      assertDutyAllowed(actor('li'), 'restructuring-review', r1, parties, { ref: 'R2' }),
    ).not.toThrow();
  });

  it('fails closed when a reference is unknown on either side', () => {
    const noRef: DutyRecord[] = [{ duty: 'restructuring-request', username: 'li' }];
    expect(() =>
      assertDutyAllowed(actor('li'), 'restructuring-review', noRef, parties, { ref: 'R2' }),
    ).toThrowDomainError(
      'SEPARATION_OF_DUTIES',
      refusal('restructuring-review', 'restructuring-request'),
    );
    const r1: DutyRecord[] = [{ duty: 'restructuring-request', username: 'li', ref: 'R1' }];
    expect(() =>
      assertDutyAllowed(actor('li'), 'restructuring-review', r1, parties),
    ).toThrowDomainError(
      'SEPARATION_OF_DUTIES',
      refusal('restructuring-review', 'restructuring-request'),
    );
  });

  it('keeps the approval of a better classification apart from its proposal', () => {
    const proposed: DutyRecord[] = [
      { duty: 'classification-upgrade-proposal', username: 'guo', ref: 'inspection-3' },
    ];
    expect(() =>
      assertDutyAllowed(actor('guo'), 'classification-upgrade-approval', proposed, parties, {
        ref: 'inspection-3',
      }),
    ).toThrowDomainError(
      'SEPARATION_OF_DUTIES',
      refusal('classification-upgrade-approval', 'classification-upgrade-proposal'),
    );
    expect(() =>
      assertDutyAllowed(actor('yang'), 'classification-upgrade-approval', proposed, parties, {
        ref: 'inspection-3',
      }),
    ).not.toThrow();
    expect(() =>
      assertDutyAllowed(actor('guo'), 'classification-upgrade-approval', proposed, parties, {
        ref: 'inspection-4',
      }),
    ).not.toThrow();
  });

  it('has a staff-recorded repayment confirmed by a second person (maker-checker)', () => {
    const recorded: DutyRecord[] = [{ duty: 'repayment-recording', username: 'lin', ref: 'P-9' }];
    expect(() =>
      assertDutyAllowed(actor('lin'), 'repayment-confirmation', recorded, parties, { ref: 'P-9' }),
    ).toThrowDomainError(
      'SEPARATION_OF_DUTIES',
      refusal('repayment-confirmation', 'repayment-recording'),
    );
    expect(() =>
      assertDutyAllowed(actor('song'), 'repayment-confirmation', recorded, parties, {
        ref: 'P-9',
      }),
    ).not.toThrow();
    // The checker of one repayment may record the next one.
    expect(() =>
      assertDutyAllowed(
        actor('song'),
        'repayment-recording',
        [{ duty: 'repayment-confirmation', username: 'song', ref: 'P-9' }],
        parties,
        { ref: 'P-10' },
      ),
    ).not.toThrow();
  });

  describe('the accountability decision', () => {
    const dossierNames = ['li', 'wang', 'zhao', 'chen', 'ma', 'hu', 'guo'];

    it('is refused to anyone who did any duty on the loan', () => {
      const history: DutyRecord[] = [
        ...origination,
        { duty: 'write-off-approval', username: 'xu' },
        { duty: 'repayment-confirmation', username: 'song', ref: 'P-9' },
      ];
      expect(() =>
        assertDutyAllowed(actor('xu'), 'accountability-decision', history, parties, {
          dossierNames,
        }),
      ).toThrowDomainError(
        'SEPARATION_OF_DUTIES',
        refusal('accountability-decision', 'write-off-approval'),
      );
      expect(() =>
        assertDutyAllowed(actor('song'), 'accountability-decision', history, parties, {
          dossierNames,
          ref: 'W-1',
        }),
      ).toThrowDomainError(
        'SEPARATION_OF_DUTIES',
        refusal('accountability-decision', 'repayment-confirmation'),
      );
      expect(() =>
        assertDutyAllowed(actor('li'), 'accountability-decision', history, parties, {
          dossierNames,
        }),
      ).toThrowDomainError(
        'SEPARATION_OF_DUTIES',
        refusal('accountability-decision', 'investigation'),
      );
    });

    it('is refused to anyone the dossier names, even with no duty on the record', () => {
      expect(() =>
        assertDutyAllowed(actor('guo'), 'accountability-decision', origination, parties, {
          dossierNames,
        }),
      ).toThrowDomainError('SEPARATION_OF_DUTIES', {
        message:
          'guo is named in the accountability dossier (责任认定材料) of this loan and may not also do its accountability decision (责任认定)',
        detailsIncluding: {
          duty: 'accountability-decision',
          conflictingDuty: 'named-in-accountability-dossier',
        },
      });
    });

    it('is allowed to someone independent of the loan', () => {
      expect(() =>
        assertDutyAllowed(actor('lu'), 'accountability-decision', origination, parties, {
          dossierNames,
        }),
      ).not.toThrow();
    });

    it('needs the dossier’s names', () => {
      expect(() =>
        assertDutyAllowed(actor('lu'), 'accountability-decision', origination, parties),
      ).toThrowDomainError('DOSSIER_NAMES_REQUIRED');
    });

    it('bars the decider from any later duty on the loan', () => {
      expect(() =>
        assertDutyAllowed(
          actor('lu'),
          'repayment-confirmation',
          [{ duty: 'accountability-decision', username: 'lu' }],
          parties,
          { ref: 'P-11' },
        ),
      ).toThrowDomainError(
        'SEPARATION_OF_DUTIES',
        refusal('repayment-confirmation', 'accountability-decision'),
      );
    });
  });

  it('checks conflict of interest before separation of duties', () => {
    expect(() =>
      assertDutyAllowed(
        actor('li', { idNumber: '330106199001011234' }),
        'write-off-approval',
        origination,
        parties,
      ),
    ).toThrowDomainError('CONFLICT_OF_INTEREST');
  });
});

describe('conflict of interest on its own (tasks without a duty)', () => {
  it('refuses a guarantor’s relative and lets anyone else through', () => {
    expect(() =>
      assertNoConflictOfInterest(
        actor('lin', { relativeIdNumbers: ['330106198502022345'] }),
        parties,
      ),
    ).toThrowDomainError('CONFLICT_OF_INTEREST');
    expect(() => assertNoConflictOfInterest(actor('lin'), parties)).not.toThrow();
  });
});
