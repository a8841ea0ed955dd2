import type { components } from '@loanflow/api-client';
import request from 'supertest';
import {
  AuditEntryEntity,
  DisbursementEntity,
  LoanChangeRequestEntity,
  LoanEntity,
  LoanInstallmentEntity,
  LoanPartyEntity,
  RepaymentEntity,
} from '@loanflow/persistence';
import { OriginationWorkersModule } from '@loanflow/origination';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { TasksWorkersModule } from '@loanflow/tasks';
import {
  applyAs,
  approvalOf,
  contractsFor,
  creditApplication,
  endEventOf,
  eventually,
  FORM,
  httpOf,
  modelPath,
  ORIGINATION_MODELS,
  RELEASE,
  stackSuite,
} from '../support';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

const REVIEW = 'loanflow:change-review';
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('the borrower’s new bank card, photographed at the counter'),
]);

/** A bank account number unique to this run (the test database keeps earlier runs' rows). */
const account = (prefix: string) => `${prefix}${Date.now()}${Math.floor(Math.random() * 1000)}`;

/** A change request as the list shows it. */
type ChangeRow = components['schemas']['ChangeRequestView'];

describe('changes of the repayment or payout account and of the borrower’s details (更改还款帐户、更改借款人信息)', () => {
  const suite = stackSuite({
    models: [...ORIGINATION_MODELS, modelPath('change-request.bpmn')],
    workers: [TasksWorkersModule, OriginationWorkersModule, ServicingWorkersModule],
    api: true,
  });

  async function evidence(loanId: string, username = 'li.cm'): Promise<string> {
    const uploaded = await request(httpOf(suite.stack.api!))
      .post(`/api/loans/${loanId}/documents`)
      .set('authorization', `Bearer ${await suite.staff.token(username)}`)
      .field('kind', 'id-card')
      .attach('file', PNG, { filename: 'card.png', contentType: 'image/png' });
    expect(uploaded.status).toBe(201);
    return String((uploaded.body as { id: string }).id);
  }

  const ask = (loanId: string, body: object, username = 'li.cm') =>
    suite.staff.post(username, `/api/loans/${loanId}/change-requests`, body);
  const review = async (loanId: string, outcome: 'approve' | 'refuse', opinion: string) => {
    const task = await suite.staff.waitForTask('wang.reviewer', loanId, REVIEW);
    const done = await suite.staff.post('wang.reviewer', `/api/tasks/${task.id}/complete`, {
      answer: { outcome, opinion },
    });
    expect(done.status).toBe(200);
  };
  const closed = (id: string) =>
    eventually(
      () => suite.dataSource.getRepository(LoanChangeRequestEntity).findOneByOrFail({ id }),
      (row) => row.state !== 'requested',
    );

  /** An application taken through approval and contracts: waiting for the disbursement check. */
  async function awaitingPayout() {
    const applied = await applyAs(
      suite.staff,
      creditApplication({ amount: '12000.00', termMonths: 12 }),
    );
    await applied.desk.throughReview();
    await applied.desk.completeOk(
      'zhao.approver',
      FORM.approval,
      approvalOf('12000.00', 12, '0.12'),
    );
    await applied.desk.completeOk('li.cm', FORM.contracts, contractsFor(applied.loanId));
    await suite.staff.waitForTask('hu.supervisor', applied.loanId, FORM.disbursementCheck, 45_000);
    return applied;
  }

  let loanId: string;

  it('pays the loan out to the account of a payout-account change approved before the payout', async () => {
    const applied = await awaitingPayout();
    loanId = applied.loanId;
    const doc = await evidence(loanId);
    const seller = account('62170');
    const asked = await ask(loanId, {
      kind: 'payout-account',
      account: { account: seller, accountName: '杭州某装饰工程有限公司（新账户）' },
      documentIds: [doc],
      reason: '卖方更换收款账户，提供新开户证明',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      kind: 'payout-account',
      state: 'requested',
      fields: ['account', 'accountName'],
      after: { account: `****${seller.slice(-4)}` },
      documentIds: [doc],
    });
    // The engine has the change's id and kind only: no account number among its variables.
    const instanceKey = (
      await suite.dataSource
        .getRepository(LoanChangeRequestEntity)
        .findOneByOrFail({ id: (asked.body as { id: string }).id })
    ).processInstanceKey!;
    await review(loanId, 'approve', '新开户证明与卖方营业执照一致，同意变更');
    expect(await closed((asked.body as { id: string }).id)).toMatchObject({
      state: 'applied',
      reviewedBy: 'wang.reviewer',
    });
    const variables = await suite.stack.records.all(
      'VARIABLE',
      (r) => String(r.value.processInstanceKey) === instanceKey,
    );
    expect(variables.map((v) => v.value.name)).toEqual(
      expect.arrayContaining(['changeRequestId', 'changeKind', 'changeReview']),
    );
    expect(JSON.stringify(variables)).not.toContain(seller);
    expect(JSON.stringify(variables)).not.toContain('新开户证明');

    await applied.desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);
    expect(await endEventOf(suite.stack.records, applied.processInstanceKey)).toBe('Disbursed');
    const [paid] = await suite.dataSource.getRepository(DisbursementEntity).findBy({ loanId });
    expect(paid.payeeAccount).toBe(seller);
    expect(paid.payeeName).toBe('杭州某装饰工程有限公司（新账户）');
  });

  it('does not apply a payout-account change approved after the payout: the money went to the account in force', async () => {
    const applied = await awaitingPayout();
    const before = await suite.dataSource
      .getRepository(LoanEntity)
      .findOneByOrFail({ id: applied.loanId });
    const asked = await ask(applied.loanId, {
      kind: 'payout-account',
      account: { account: account('62171'), accountName: '迟到的新收款人' },
      documentIds: [await evidence(applied.loanId)],
      reason: '卖方更换收款账户，但审查晚于放款',
    });
    expect(asked.status).toBe(201);
    await applied.desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);
    expect(await endEventOf(suite.stack.records, applied.processInstanceKey)).toBe('Disbursed');
    await review(applied.loanId, 'approve', '证明材料齐全，同意变更收款账户');
    const row = await closed((asked.body as { id: string }).id);
    expect(row.state).toBe('refused');
    expect(row.outcome).toMatch(/^not applied: .*paid out/);
    const [paid] = await suite.dataSource
      .getRepository(DisbursementEntity)
      .findBy({ loanId: applied.loanId });
    expect(paid.payeeAccount).toBe(before.payeeAccount);
    expect(
      (await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: applied.loanId }))
        .payeeAccount,
    ).toBe(before.payeeAccount);
  });

  it('takes the next auto-debit from the repayment account of a change approved after the payout', async () => {
    const pay = (key: string) =>
      suite.staff.post('lin.collection', `/api/loans/${loanId}/repayments`, {
        amount: '100.00',
        paidAt: new Date().toISOString(),
        channel: 'auto-debit',
        idempotencyKey: `${key}-${loanId}`,
      });
    // Entrusted payment went to the seller: no repayment account of the borrower's until one is approved.
    const before = await pay('debit-before');
    expect(before.status).toBe(201);
    expect((before.body as { debitAccount: string | null }).debitAccount).toBeNull();

    const afterPayout = await ask(loanId, {
      kind: 'payout-account',
      account: { account: account('62170'), accountName: '另一卖方' },
      documentIds: [await evidence(loanId)],
      reason: '放款后不得再改收款账户',
    });
    expect(afterPayout.status).toBe(409);
    expect((afterPayout.body as ErrorAnswer).code).toBe('CHANGE_NOT_ALLOWED');

    const card = account('62220');
    const asked = await ask(loanId, {
      kind: 'repayment-account',
      account: { account: card },
      documentIds: [await evidence(loanId)],
      reason: '借款人新办工资卡，申请从新卡自动扣款',
    });
    expect(asked.status).toBe(201);
    expect((asked.body as { before: unknown }).before).toEqual({ account: null });
    const twice = await ask(loanId, {
      kind: 'repayment-account',
      account: { account: account('62221') },
      documentIds: [await evidence(loanId)],
      reason: '同一账户变更的第二次申请',
    });
    expect(twice.status).toBe(409);
    expect((twice.body as ErrorAnswer).code).toBe('CHANGE_ALREADY_OPEN');
    await review(loanId, 'approve', '工资卡开户证明已核对，同意变更扣款账户');
    expect(await closed((asked.body as { id: string }).id)).toMatchObject({
      state: 'applied',
      outcome: 'applied: account',
    });

    const after = await pay('debit-after');
    expect(after.status).toBe(201);
    expect((after.body as { debitAccount: string | null }).debitAccount).toBe(
      `****${card.slice(-4)}`,
    );
    const row = await suite.dataSource
      .getRepository(RepaymentEntity)
      .findOneByOrFail({ id: (after.body as { id: string }).id });
    expect(row.debitAccount).toBe(card);
    const [raw] = await suite.dataSource.query<{ debit_account: string }[]>(
      'SELECT debit_account FROM repayment WHERE id = ?',
      [row.id],
    );
    expect(raw.debit_account).toMatch(/^enc:v1:/);
  });

  it('leaves the account and the schedule as they were when the reviewer refuses, with the reason kept', async () => {
    const schedule = async () =>
      JSON.stringify(
        await suite.dataSource
          .getRepository(LoanInstallmentEntity)
          .find({ where: { loanId }, order: { number: 'ASC' } }),
      );
    const scheduleBefore = await schedule();
    const asked = await ask(loanId, {
      kind: 'repayment-account',
      account: { account: account('62223') },
      documentIds: [await evidence(loanId)],
      reason: '借款人口头要求改为他人账户扣款',
    });
    expect(asked.status).toBe(201);
    await review(loanId, 'refuse', '扣款账户户名非借款人本人，证明材料不足，拒绝变更');
    expect(await closed((asked.body as { id: string }).id)).toMatchObject({
      state: 'refused',
      reviewOutcome: 'refuse',
      reviewOpinion: '扣款账户户名非借款人本人，证明材料不足，拒绝变更',
      outcome: 'refused at review',
      openKey: null,
    });
    expect(await schedule()).toBe(scheduleBefore);
    const listed = await suite.staff.get('li.cm', `/api/loans/${loanId}/change-requests`);
    const mine = (listed.body as ChangeRow[]).find(
      (c: { id: string }) => c.id === (asked.body as { id: string }).id,
    );
    expect(mine).toMatchObject({ state: 'refused', reviewedBy: 'wang.reviewer' });
    expect(mine?.reviewOpinion).toContain('证明材料不足');
    // The debit still comes from the account approved before.
    const applied = (listed.body as ChangeRow[]).filter(
      (c: { kind: string; state: string }) =>
        c.kind === 'repayment-account' && c.state === 'applied',
    );
    const next = await suite.staff.post('lin.collection', `/api/loans/${loanId}/repayments`, {
      amount: '50.00',
      paidAt: new Date().toISOString(),
      channel: 'auto-debit',
      idempotencyKey: `debit-refused-${loanId}`,
    });
    expect((next.body as { debitAccount: string | null }).debitAccount).toBe(
      applied[applied.length - 1].after.account,
    );
    const refusal = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findOneByOrFail({ loanKey: loanId, action: 'loan.change-refused' });
    expect(refusal).toMatchObject({ actor: 'wang.reviewer', outcome: 'refused' });
  });

  it('changes the borrower’s phone and address on approval and keeps the old values, encrypted, shown masked', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const applicant = await suite.dataSource
      .getRepository(LoanPartyEntity)
      .findOneByOrFail({ loanId, role: 'applicant' });
    const asked = await ask(loanId, {
      kind: 'borrower-details',
      details: { phone, address: '杭州市西湖区文三路 478 号 3 幢 1201 室', name: applicant.name },
      documentIds: [await evidence(loanId)],
      reason: '借款人搬家并更换手机号码，提供居住证明',
    });
    expect(asked.status).toBe(201);
    // The name is what the register holds already: only what differs is a change.
    expect((asked.body as { fields: unknown }).fields).toEqual(['phone', 'address']);
    await review(loanId, 'approve', '居住证明及手机号实名信息已核对，同意变更');
    expect(await closed((asked.body as { id: string }).id)).toMatchObject({ state: 'applied' });

    const now = await suite.dataSource
      .getRepository(LoanPartyEntity)
      .findOneByOrFail({ id: applicant.id });
    expect(now).toMatchObject({ phone, address: '杭州市西湖区文三路 478 号 3 幢 1201 室' });
    const [raw] = await suite.dataSource.query<Record<string, string>[]>(
      'SELECT before_json, after_json, reason FROM loan_change_request WHERE id = ?',
      [(asked.body as { id: string }).id],
    );
    for (const value of Object.values(raw)) expect(value).toMatch(/^enc:v1:/);
    const history = (await suite.staff.get('chen.center', `/api/loans/${loanId}/change-requests`))
      .body as ChangeRow[];
    const change = history.find((c: { id: string }) => c.id === (asked.body as { id: string }).id);
    expect(change).toMatchObject({
      kind: 'borrower-details',
      state: 'applied',
      before: {
        phone: `${applicant.phone.slice(0, 3)}****${applicant.phone.slice(-4)}`,
        address: applicant.address === null ? null : '***',
      },
      after: { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, address: '***' },
    });
    expect(JSON.stringify(history)).not.toContain(phone);
  });

  it('does not let the requester review their own change (403 with an audit entry)', async () => {
    // zhou.cm holds the customer manager's and the reviewer's posts.
    const asked = await ask(
      loanId,
      {
        kind: 'borrower-details',
        details: { employer: `杭州某科技有限公司 ${Date.now()}` },
        documentIds: [await evidence(loanId, 'zhou.cm')],
        reason: '借款人更换工作单位，提供劳动合同',
      },
      'zhou.cm',
    );
    expect(asked.status).toBe(201);
    const task = await suite.staff.waitForTask('wang.reviewer', loanId, REVIEW);
    const own = await suite.staff.post('zhou.cm', `/api/tasks/${task.id}/claim`);
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      details: { duty: 'change-review', conflictingDuty: 'change-request' },
    });
    const ownComplete = await suite.staff.post('zhou.cm', `/api/tasks/${task.id}/complete`, {
      answer: { outcome: 'approve', opinion: '自己审查自己申请的变更' },
    });
    expect(ownComplete.status).toBe(403);
    const refusals = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ loanKey: loanId, actor: 'zhou.cm', outcome: 'refused', taskId: task.id });
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    expect(refusals.every((r) => (r.reason ?? '').startsWith('SEPARATION_OF_DUTIES'))).toBe(true);
    await review(loanId, 'refuse', '劳动合同未盖公章，退回补充材料');
    expect(await closed((asked.body as { id: string }).id)).toMatchObject({
      state: 'refused',
      reviewedBy: 'wang.reviewer',
    });
  });

  it('answers the wrong post 403, another branch 404 and bad input 400 by field, recording nothing', async () => {
    const count = () => suite.dataSource.getRepository(LoanChangeRequestEntity).countBy({ loanId });
    const before = await count();
    const doc = await evidence(loanId);
    const good = {
      kind: 'repayment-account',
      account: { account: account('62224') },
      documentIds: [doc],
      reason: '借款人更换扣款账户',
    };
    const roleRefusals = () =>
      suite.dataSource
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('a')
        .where(
          "a.actor = 'wang.reviewer' AND a.action = 'access.refused' AND a.reason LIKE :route",
          {
            route: '%change-requests%',
          },
        )
        .getCount();
    const refusedBefore = await roleRefusals();
    const reviewer = await ask(loanId, good, 'wang.reviewer');
    expect(reviewer.status).toBe(403);
    expect((reviewer.body as ErrorAnswer).code).toBe('ROLE_REQUIRED');
    expect(await roleRefusals()).toBe(refusedBefore + 1);
    expect((await ask(loanId, good, 'sun.cm')).status).toBe(404);

    const badAccount = await ask(loanId, { ...good, account: { account: '6222-0202-AB' } });
    expect(badAccount.status).toBe(400);
    expect(
      (badAccount.body as ErrorAnswer).fieldErrors.map((f: { field: string }) => f.field),
    ).toEqual(['account.account']);
    const noEvidence = await ask(loanId, { ...good, documentIds: [] });
    expect(noEvidence.status).toBe(400);
    expect(
      (noEvidence.body as ErrorAnswer).fieldErrors.map((f: { field: string }) => f.field),
    ).toEqual(['documentIds']);
    const otherLoan = await applyAs(suite.staff, creditApplication());
    const foreign = await ask(loanId, { ...good, documentIds: [await evidence(otherLoan.loanId)] });
    expect(foreign.status).toBe(400);
    expect((foreign.body as ErrorAnswer).fieldErrors[0]).toMatchObject({ field: 'documentIds' });
    const badDetails = await ask(loanId, {
      kind: 'borrower-details',
      details: { phone: '12345', idNumber: '330106199001011234' },
      documentIds: [doc],
      reason: '借款人信息变更',
    });
    expect(badDetails.status).toBe(400);
    expect(
      (badDetails.body as ErrorAnswer).fieldErrors.map((f: { field: string }) => f.field).sort(),
    ).toEqual(['details.idNumber', 'details.phone']);
    expect(await count()).toBe(before);
    expect(
      (await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId })).status,
    ).toBe('disbursed');
  });
});
