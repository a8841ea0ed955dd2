import type { components } from '@loanflow/api-client';
import { AuditEntryEntity, KeyCustomerEntity, MisconductReportEntity } from '@loanflow/persistence';
import { fixtureLoanId, freshApplicant, stackSuite } from '../support';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

/**
 * Reports of suspicious activity (举报) read only by audit: not by the reporter once filed, not by
 * the person reported, not by an admin or a branch manager; their handling recorded by the auditor.
 * And the key-customer list: added and removed with a reason, who and when, within the unit.
 */
describe('reports of suspicious activity and the key-customer list', () => {
  const suite = stackSuite({ api: true });
  let loanId: string;

  beforeAll(async () => {
    loanId = fixtureLoanId();
    await suite.stack.registerLoan(loanId, 'SB-HZ-XH');
  });

  const refusals = (actor: string) =>
    suite.dataSource
      .getRepository(AuditEntryEntity)
      .countBy({ actor, action: 'access.refused', outcome: 'refused' });

  it('lets anyone file a report and gives a receipt; bad input names its field and writes nothing', async () => {
    const before = await suite.dataSource.getRepository(MisconductReportEntity).count();
    const missing = await suite.staff.post('li.cm', '/api/reports', {
      subject: 'loan',
      text: '这笔贷款的收入证明与客户实际工作单位不符，疑似伪造',
    });
    expect(missing.status).toBe(400);
    expect((missing.body as ErrorAnswer).fieldErrors).toEqual([
      expect.objectContaining({ field: 'loanId' }),
    ]);
    const unknown = await suite.staff.post('li.cm', '/api/reports', {
      subject: 'staff',
      staff: 'no.such.person',
      text: '这笔贷款的收入证明与客户实际工作单位不符，疑似伪造',
    });
    expect(unknown.status).toBe(400);
    expect((unknown.body as ErrorAnswer).fieldErrors).toEqual([
      expect.objectContaining({ field: 'staff' }),
    ]);
    expect(await suite.dataSource.getRepository(MisconductReportEntity).count()).toBe(before);
  });

  it('is read by the auditor only, and its handling is recorded', async () => {
    const text = '客户经理 zhou.cm 收取客户好处费后协助其伪造收入证明，身份证 330106198808082341';
    const filed = await suite.staff.post('li.cm', '/api/reports', {
      subject: 'staff',
      staff: 'zhou.cm',
      text,
    });
    expect(filed.status).toBe(201);
    expect(Object.keys(filed.body as object).sort()).toEqual(['filedAt', 'id']);
    const id = (filed.body as { id: string }).id;
    const [raw] = await suite.dataSource.query<{ body: string }[]>(
      `SELECT body FROM misconduct_report WHERE id = ?`,
      [id],
    );
    expect(raw.body).toMatch(/^enc:v1:/);

    // The reporter, the person reported, an admin and a branch manager: refused, each audited.
    for (const who of ['li.cm', 'zhou.cm', 'admin', 'chen.center']) {
      const before = await refusals(who);
      for (const path of [`/api/reports/${id}`, '/api/reports']) {
        const response = await suite.staff.get(who, path);
        expect([403, 404]).toContain(response.status);
        expect(JSON.stringify(response.body)).not.toContain('好处费');
      }
      const handling = await suite.staff.post(who, `/api/reports/${id}/handling`, {
        status: 'closed',
        outcome: 'unsubstantiated',
        note: '无需处理',
      });
      expect(handling.status).toBe(403);
      expect(await refusals(who)).toBe(before + 3);
    }
    // The filing's audit entry names neither the subject nor the text.
    const filing = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findOneByOrFail({ action: 'report.file', reason: `report ${id} received` });
    expect(filing.loanKey).toBeNull();

    const read = await suite.staff.get('jiang.audit', `/api/reports/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      subject: 'staff',
      staff: 'zhou.cm',
      filedBy: 'li.cm',
      status: 'received',
      steps: [],
    });
    expect((read.body as { text: unknown }).text).toContain('好处费');
    expect((read.body as { text: unknown }).text).toContain('330106********2341');
    const list = await suite.staff.get('jiang.audit', '/api/reports');
    expect((list.body as { items: { id: string }[] }).items.map((r) => r.id)).toContain(id);

    const investigating = await suite.staff.post('jiang.audit', `/api/reports/${id}/handling`, {
      status: 'investigating',
      note: '已调取该客户经理经办贷款的收入证明原件',
    });
    expect(investigating.status).toBe(200);
    const early = await suite.staff.post('jiang.audit', `/api/reports/${id}/handling`, {
      status: 'closed',
      note: '调查已经结束',
    });
    expect(early.status).toBe(400);
    expect((early.body as ErrorAnswer).fieldErrors).toEqual([
      expect.objectContaining({ field: 'outcome' }),
    ]);
    const closed = await suite.staff.post('jiang.audit', `/api/reports/${id}/handling`, {
      status: 'closed',
      outcome: 'substantiated',
      note: '经查属实，移交问责程序',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'substantiated' });
    expect(
      (closed.body as { steps: { status: string; by: string }[] }).steps.map(
        (s: { status: string; by: string }) => [s.status, s.by],
      ),
    ).toEqual([
      ['investigating', 'jiang.audit'],
      ['closed', 'jiang.audit'],
    ]);
    const again = await suite.staff.post('jiang.audit', `/api/reports/${id}/handling`, {
      status: 'closed',
      outcome: 'referred',
      note: '再次办结该举报',
    });
    expect(again.status).toBe(409);
    expect((again.body as ErrorAnswer).code).toBe('REPORT_CLOSED');
  });

  it('hides a report about an auditor from that auditor', async () => {
    const filed = await suite.staff.post('li.cm', '/api/reports', {
      subject: 'staff',
      staff: 'jiang.audit',
      text: '审计人员在检查期间接受被检查支行的宴请和礼品',
    });
    expect(filed.status).toBe(201);
    const read = await suite.staff.get(
      'jiang.audit',
      `/api/reports/${(filed.body as { id: string }).id}`,
    );
    expect(read.status).toBe(404);
    expect((read.body as ErrorAnswer).code).toBe('REPORT_NOT_FOUND');
    const list = await suite.staff.get('jiang.audit', '/api/reports');
    expect((list.body as { items: { id: string }[] }).items.map((r) => r.id)).not.toContain(
      (filed.body as { id: string }).id,
    );
    const handled = await suite.staff.post(
      'jiang.audit',
      `/api/reports/${(filed.body as { id: string }).id}/handling`,
      {
        status: 'closed',
        outcome: 'unsubstantiated',
        note: '本人认为不属实',
      },
    );
    expect(handled.status).toBe(404);
    const [row] = await suite.dataSource.query<{ status: string }[]>(
      `SELECT status FROM misconduct_report WHERE id = ?`,
      [(filed.body as { id: string }).id],
    );
    expect(row.status).toBe('received');
  });

  it('keeps a report about a loan out of the loan’s own audit trail', async () => {
    const filed = await suite.staff.post('zhou.cm', '/api/reports', {
      subject: 'loan',
      loanId,
      text: '这笔贷款的抵押物估值明显偏高，评估公司与客户有关联',
    });
    expect(filed.status).toBe(201);
    const trail = await suite.staff.get('chen.center', `/api/loans/${loanId}/audit`);
    expect(trail.status).toBe(200);
    expect(JSON.stringify(trail.body)).not.toContain('report');
  });

  it('lists and removes key customers with a reason, who and when, within the lister’s unit', async () => {
    const person = freshApplicant();
    const bad = await suite.staff.post('chen.center', '/api/key-customers', {
      idNumber: '330106199001011234',
      name: '',
      reason: 'x',
      inspectionMonths: 9,
    });
    expect(bad.status).toBe(400);
    expect(
      (bad.body as ErrorAnswer).fieldErrors.map((e: { field: string }) => e.field).sort(),
    ).toEqual(['idNumber', 'inspectionMonths', 'name', 'reason']);
    const added = await suite.staff.post('chen.center', '/api/key-customers', {
      idNumber: person.idNumber,
      name: person.name,
      reason: '授信额度超过 100 万元，经营收入波动较大',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      unitCode: 'BR-HZ',
      inspectionMonths: 3,
      addedBy: 'chen.center',
      removedAt: null,
    });
    expect((added.body as { idNumber: string }).idNumber).toMatch(/\*{8}/);
    const row = await suite.dataSource
      .getRepository(KeyCustomerEntity)
      .findOneByOrFail({ id: (added.body as { id: string }).id });
    expect(row.idNumber).toBe(person.idNumber);
    const [raw] = await suite.dataSource.query<{ id_number: string; name: string }[]>(
      `SELECT id_number, name FROM key_customer WHERE id = ?`,
      [(added.body as { id: string }).id],
    );
    expect(raw.id_number).toMatch(/^enc:v1:/);
    expect(raw.name).toMatch(/^enc:v1:/);

    const twice = await suite.staff.post('chen.center', '/api/key-customers', {
      idNumber: person.idNumber,
      name: person.name,
      reason: '重复列入名单测试',
    });
    expect(twice.status).toBe(409);
    expect((twice.body as ErrorAnswer).code).toBe('KEY_CUSTOMER_ALREADY_LISTED');

    // Ningbo neither sees nor removes Hangzhou's entry; head office sees it.
    const ningbo = await suite.staff.get('wu.center', '/api/key-customers');
    expect((ningbo.body as { items: { id: string }[] }).items.map((k) => k.id)).not.toContain(
      (added.body as { id: string }).id,
    );
    const foreign = await suite.staff.post(
      'wu.center',
      `/api/key-customers/${(added.body as { id: string }).id}/remove`,
      {
        reason: '不在本行名单',
      },
    );
    expect(foreign.status).toBe(404);
    const wholeBank = await suite.staff.get('yang.risk', '/api/key-customers');
    expect((wholeBank.body as { items: { id: string }[] }).items.map((k) => k.id)).toContain(
      (added.body as { id: string }).id,
    );

    const removed = await suite.staff.post(
      'chen.center',
      `/api/key-customers/${(added.body as { id: string }).id}/remove`,
      {
        reason: '贷款已结清，风险解除',
      },
    );
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({
      removedBy: 'chen.center',
      removalReason: '贷款已结清，风险解除',
    });
    expect((removed.body as { removedAt: unknown }).removedAt).toEqual(expect.any(String));
    const acts = await suite.dataSource.getRepository(AuditEntryEntity).find({
      where: [{ action: 'key-customer.add' }, { action: 'key-customer.remove' }],
      order: { id: 'DESC' },
      take: 2,
    });
    expect(acts.map((a) => [a.action, a.actor])).toEqual([
      ['key-customer.remove', 'chen.center'],
      ['key-customer.add', 'chen.center'],
    ]);
    expect(JSON.stringify(acts)).not.toContain(person.idNumber);
  });
});
