import {
  applyAs,
  approvalOf,
  contractsFor,
  creditApplication,
  endEventOf,
  FORM,
  GUARANTOR,
  guarantorApplication,
  ledgerOf,
  mortgageApplication,
  originationSuite,
  REGISTRATION,
  RELEASE,
} from '../support';

describe('loan origination to disbursement on the real broker', () => {
  const suite = originationSuite();

  it('takes a credit loan from application to disbursement with a stored schedule', async () => {
    const application = creditApplication();
    const { desk, loanId, processInstanceKey } = await applyAs(suite.staff, application);
    expect(loanId).toMatch(/^LN\d{8}-[0-9A-Z]{6}$/);

    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('200000.00', 36));
    await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId));
    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('Disbursed');

    const dossier = await suite.staff.loan('li.cm', loanId);
    expect(dossier).toMatchObject({
      id: loanId,
      status: 'disbursed',
      stage: 'disbursed',
      riskGrade: 'A',
      requiredApprovalLevel: 'branch',
      approved: { amount: '200000.00', termMonths: 36, annualRate: '0.0435' },
      decision: { outcome: 'approved', stage: 'approval' },
      disbursement: { amount: '200000.00', paymentMethod: 'entrusted' },
    });
    // Identifiers are masked in every answer (the full value only through an audited reveal).
    expect(dossier.applicant).toMatchObject({
      name: '张伟 Zhang Wei',
      idNumber: `330106********${application.applicant.idNumber.slice(-4)}`,
      phone: '138****8000',
    });
    expect(dossier.schedule?.installments).toHaveLength(36);
    expect(dossier.schedule?.installments[35].balance).toBe('0.00');
    expect(dossier.notice.sentAt).not.toBeNull();
    expect(dossier.notifications.map((n) => n.kind)).toEqual(['decision-approved']);
    const acts = dossier.decisions.map((d) => `${d.actor} ${d.action}`);
    // The papers came with the application (registered with the loan, before its submission is
    // recorded), the signed contract with the signing.
    expect(acts).toEqual([
      'li.cm loan.document-upload',
      'li.cm loan.document-upload',
      'li.cm loan.document-upload',
      'li.cm loan.document-upload',
      'li.cm application.submit',
      'system application.check',
      'system credit.score',
      'li.cm task.complete',
      'system credit.regrade',
      'wang.reviewer task.complete',
      'zhao.approver task.complete',
      'system decision.notice',
      'li.cm loan.document-upload',
      'li.cm task.complete',
      'system contracts.record',
      'hu.supervisor task.complete',
      'system loan.disburse',
    ]);

    const { disbursements, entries } = await ledgerOf(suite.dataSource, loanId);
    expect(disbursements).toHaveLength(1);
    expect(entries.map((e) => `${e.side} ${e.accountCode} ${e.amountMinor}`)).toEqual([
      `debit LOAN:${loanId} 20000000`,
      'credit CUST:6222020200112233445 20000000',
    ]);

    // Handed over to servicing: its instance started by the loan-disbursed message, with the loan id.
    const servicing = await suite.stack.records.waitFor(
      'VARIABLE',
      (r) =>
        r.value.bpmnProcessId === 'loan-servicing' &&
        r.value.name === 'loanId' &&
        r.value.value === JSON.stringify(loanId),
      15_000,
    );
    expect(servicing.intent).toBe('CREATED');
  });

  it('takes a guarantor loan through, with a guarantee contract for each guarantor', async () => {
    const { desk, loanId, processInstanceKey } = await applyAs(
      suite.staff,
      guarantorApplication({ amount: '80000.00', termMonths: 24 }),
    );
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('80000.00', 24));

    const unsigned = await desk.complete('li.cm', FORM.contracts, contractsFor(loanId));
    expect(unsigned.status).toBe(422);
    const refusal = unsigned.body as { code: string; message: string };
    expect(refusal.code).toBe('CONTRACTS_INCOMPLETE');
    expect(refusal.message).toContain('guarantor 330106********2346 has not signed');

    await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId, [GUARANTOR.idNumber]));
    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('Disbursed');

    const dossier = await suite.staff.loan('li.cm', loanId);
    expect(dossier.guarantors).toEqual([
      expect.objectContaining({ idNumber: '330106********2346' }),
    ]);
    expect(dossier.contracts.map((c) => c.kind)).toEqual(['loan', 'guarantee']);
    expect(dossier.schedule?.installments).toHaveLength(24);
  });

  it('takes a mortgage loan through collateral registration by the mortgage clerk', async () => {
    const { desk, loanId, processInstanceKey } = await applyAs(suite.staff, mortgageApplication());
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('1500000.00', 240, '0.0350'));
    await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId, [], true));
    await desk.completeOk('ma.mortgage', FORM.collateral, REGISTRATION);
    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('Disbursed');

    const dossier = await suite.staff.loan('li.cm', loanId);
    expect(dossier.collateral).toEqual([
      expect.objectContaining({
        certificateNo: REGISTRATION.certificateNo,
        registeredBy: 'ma.mortgage',
      }),
    ]);
    expect(dossier.contracts.map((c) => c.kind)).toEqual(['loan', 'mortgage']);
    expect(dossier.schedule?.installments).toHaveLength(240);
    expect(dossier.disbursement).toMatchObject({
      amount: '1500000.00',
      payeeName: '王某 (seller)',
    });
  });
});
