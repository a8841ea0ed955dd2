import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { PersonalDataRetention } from '@loanflow/origination';
import { blindIndex, ComplaintEntity } from '@loanflow/persistence';
import {
  applyAs,
  CLEAN_APPLICANT,
  creditApplication,
  endEventOf,
  GUARANTOR,
  guarantorApplication,
  httpOf,
  originationSuite,
} from '../support';

/**
 * Personal financial information (JR/T 0171-2020 C2: identity numbers, phone numbers, account
 * numbers): encrypted at rest with blind indexes for the look-ups, masked in every answer of the
 * API, in full only through a reveal by someone who serves the customer within their unit, with
 * a reason, audited.
 */
describe('personal data at rest and on screen: encrypted, masked by default, revealed on purpose', () => {
  const suite = originationSuite();
  let loanId: string;

  beforeAll(async () => {
    ({ loanId } = await applyAs(suite.staff, guarantorApplication({ applicant: CLEAN_APPLICANT })));
  });

  /** The fields a 400 names, from the one error body. */
  const fieldsOf = (body: unknown) =>
    (body as { fieldErrors: { field: string }[] }).fieldErrors.map((e) => e.field);
  const raw = (sql: string, params: unknown[]) =>
    suite.dataSource.query<Record<string, string>[]>(sql, params);

  it('stores identity numbers, phones and the payee account encrypted, with a blind index for look-ups', async () => {
    const parties = await raw(
      'SELECT role, id_number, phone, id_number_index FROM loan_party WHERE loan_id = ? ORDER BY role',
      [loanId],
    );
    expect(parties).toHaveLength(2);
    for (const party of parties) {
      expect(party.id_number).toMatch(/^enc:v1:k\d+:/);
      expect(party.phone).toMatch(/^enc:v1:k\d+:/);
      expect(party.id_number_index).toMatch(/^[0-9a-f]{64}$/);
    }
    // The index finds the applicant by ID number; the plain number is nowhere in the row.
    const found = await raw(
      'SELECT role FROM loan_party WHERE loan_id = ? AND id_number_index = ?',
      [loanId, blindIndex('id-number', CLEAN_APPLICANT.idNumber.toLowerCase())],
    );
    expect(found).toEqual([{ role: 'applicant' }]);
    const plain = await raw(
      `SELECT COUNT(*) AS n FROM loan_party WHERE loan_id = ?
         AND (id_number = ? OR phone = ? OR id_number = ?)`,
      [loanId, CLEAN_APPLICANT.idNumber, CLEAN_APPLICANT.phone, GUARANTOR.idNumber],
    );
    expect(Number(plain[0]?.n)).toBe(0);
    const [loan] = await raw('SELECT payee_account FROM loan WHERE id = ?', [loanId]);
    expect(loan?.payee_account).toMatch(/^enc:v1:/);
  });

  it('masks identifiers in the dossier for everyone, the customer manager included', async () => {
    const dossier = await suite.staff.loan('li.cm', loanId);
    expect(dossier.applicant).toMatchObject({
      name: CLEAN_APPLICANT.name,
      idNumber: '330106********123X',
      phone: '138****8000',
    });
    expect(dossier.guarantors?.[0]).toMatchObject({ idNumber: '330106********2346' });
    expect(JSON.stringify(dossier)).not.toContain(CLEAN_APPLICANT.idNumber);
    expect(JSON.stringify(dossier)).not.toContain(CLEAN_APPLICANT.phone);
  });

  it('reveals one identifier in full to a person serving the customer who says why, and audits it', async () => {
    const dossier = await suite.staff.loan('li.cm', loanId);
    const guarantor = dossier.guarantors?.[0];
    if (!guarantor || !dossier.applicant) throw new Error(`loan ${loanId} lacks its parties`);
    const path = `/api/loans/${loanId}/personal-data/reveal`;
    const reveal = (body: { field: 'idNumber' | 'phone'; partyId: string; reason: string }) =>
      suite.staff.as('li.cm', (api) =>
        api.POST('/api/loans/{id}/personal-data/reveal', {
          params: { path: { id: loanId } },
          body,
        }),
      );
    const revealed = await reveal({
      field: 'idNumber',
      partyId: guarantor.id,
      reason: 'checking the guarantor’s ID card against the contract',
    });
    expect(revealed.response.status).toBe(200);
    expect(revealed.data).toEqual({ loanId, field: 'idNumber', value: GUARANTOR.idNumber });
    const phone = await reveal({
      field: 'phone',
      partyId: dossier.applicant.id,
      reason: 'calling the applicant about a missing document',
    });
    expect(phone.data?.value).toBe(CLEAN_APPLICANT.phone);

    // No reason, or a party of another loan: 400 by field.
    const noReason = await suite.staff.post('li.cm', path, {
      field: 'idNumber',
      partyId: dossier.applicant.id,
    });
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const stranger = await suite.staff.post('li.cm', path, {
      field: 'idNumber',
      partyId: '999999999',
      reason: 'looking at somebody else’s loan',
    });
    expect(stranger.status).toBe(400);
    expect(fieldsOf(stranger.body)).toEqual(['partyId']);

    // The auditor examines the record, the designer runs the engine: neither reveals (403, audited);
    // a customer manager of another branch does not see the loan at all.
    for (const username of ['jiang.audit', 'deng.designer']) {
      const refused = await suite.staff.post(username, path, {
        field: 'idNumber',
        partyId: dossier.applicant.id,
        reason: 'curious about the applicant',
      });
      expect(refused.status).toBe(403);
    }
    const otherBranch = await suite.staff.post('sun.cm', path, {
      field: 'idNumber',
      partyId: dossier.applicant.id,
      reason: 'curious about the applicant',
    });
    expect(otherBranch.status).toBe(404);

    const trail = (await suite.staff.get('jiang.audit', `/api/loans/${loanId}/audit`)).body as {
      action: string;
      actor: string;
      outcome: string;
      summary?: string;
      reason?: string;
    }[];
    const reveals = trail.filter((e) => e.action === 'personal-data.reveal' && e.outcome === 'ok');
    expect(reveals).toHaveLength(2);
    expect(reveals.map((e) => e.actor)).toEqual(['li.cm', 'li.cm']);
    expect(JSON.stringify(reveals)).toContain(
      'checking the guarantor’s ID card against the contract',
    );
    const refusals = await raw(
      `SELECT actor FROM audit_entry
        WHERE action = 'access.refused' AND reason LIKE '%personal-data/reveal%' ORDER BY id`,
      [],
    );
    expect(refusals.map((r) => r.actor)).toEqual(
      expect.arrayContaining(['jiang.audit', 'deng.designer']),
    );
  });

  it('finds through the blind index what the bank holds about an ID number, for the person’s request, audited', async () => {
    const exportAs = (username: string, reason: string) =>
      suite.staff.as(username, (api) =>
        api.POST('/api/personal-data/export', { body: { idNumber: GUARANTOR.idNumber, reason } }),
      );
    const exported = await exportAs(
      'chen.center',
      'written request of the guarantor dated today, ref. PI-TEST-0001',
    );
    expect(exported.response.status).toBe(200);
    const mine = exported.data?.loans.find((l) => l.loanId === loanId);
    expect(mine).toMatchObject({ roles: ['guarantor'], payee: null });
    // It is the person's own data: in full.
    expect(mine?.party[0]).toMatchObject({ idNumber: GUARANTOR.idNumber, phone: GUARANTOR.phone });
    // Another branch's center manager sees none of this branch's loans.
    const elsewhere = await exportAs(
      'wu.center',
      'written request of the guarantor dated today, ref. PI-TEST-0002',
    );
    expect(elsewhere.response.status).toBe(200);
    expect(elsewhere.data?.loans.map((l) => l.loanId)).not.toContain(loanId);
    const bad = await suite.staff.post('chen.center', '/api/personal-data/export', {
      idNumber: '330106199001011231',
      reason: 'a request with a mistyped number',
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['idNumber']);
    const [entry] = await raw(
      `SELECT actor, reason FROM audit_entry WHERE action = 'personal-data.export'
        AND reason LIKE '%PI-TEST-0001%'`,
      [],
    );
    expect(entry.actor).toBe('chen.center');
    expect(entry.reason).not.toContain(GUARANTOR.idNumber);
  });

  it('purges the personal data of an application refused longer ago than its retention, and only that', async () => {
    const refused = await applyAs(
      suite.staff,
      creditApplication({
        applicant: {
          ...creditApplication().applicant,
          name: '黄某 Huang',
          idNumber: '330106198505050019', // on the demo warning list: refused at once
          birthDate: '1985-05-05',
        },
      }),
    );
    expect(await endEventOf(suite.stack.records, refused.processInstanceKey)).toBe('NotGranted');
    const recent = await applyAs(
      suite.staff,
      creditApplication({
        applicant: {
          ...creditApplication().applicant,
          idNumber: '330106198505050019',
          birthDate: '1985-05-05',
        },
      }),
    );
    expect(await endEventOf(suite.stack.records, recent.processInstanceKey)).toBe('NotGranted');
    // The papers and a comment on the refused application: personal data too.
    const scan = Buffer.from('%PDF-1.4\n% ID card scan of 黄某\n%%EOF\n');
    const uploaded = await request(httpOf(suite.stack.api!))
      .post(`/api/loans/${refused.loanId}/documents`)
      .set('authorization', `Bearer ${await suite.staff.token('li.cm')}`)
      .field('kind', 'id-card')
      .attach('file', scan, { filename: 'id-card.pdf', contentType: 'application/pdf' });
    expect(uploaded.status).toBe(201);
    const sha256 = createHash('sha256').update(scan).digest('hex');
    const file = join(process.env.DOCUMENT_STORAGE_DIR!, sha256.slice(0, 2), sha256);
    expect(existsSync(file)).toBe(true);
    const comment = await suite.staff.post('li.cm', `/api/loans/${refused.loanId}/comments`, {
      text: '黄某 called, tel 13812348000',
    });
    expect(comment.status).toBe(201);
    // A complaint about the refusal, answered: what the customer said and was told.
    await suite.dataSource.getRepository(ComplaintEntity).insert({
      loanId: refused.loanId,
      unitCode: 'SB-HZ-XH',
      category: 'processing-delay',
      channel: 'phone',
      body: '黄某 says the refusal was never explained, tel 13812348000',
      filedBy: 'li.cm',
      filedAt: new Date(),
      handler: 'li.cm',
      level: 'handler',
      dueAt: new Date(),
      dueOn: '2026-12-01',
      levelDueAt: new Date(),
      workingDays: 5,
      calendarCovered: 1,
      processInstanceKey: null,
      status: 'answered',
      answer: '已向黄某说明拒绝原因：征信警示名单',
      resolution: 'not-upheld',
      answeredBy: 'li.cm',
      answeredAt: new Date(),
      escalatedToBranchAt: null,
      escalatedToHeadOfficeAt: null,
    });
    // The first was decided 181 days ago (retention 180 days), the second just now.
    await suite.dataSource.query(
      'UPDATE loan SET decided_at = DATE_SUB(decided_at, INTERVAL 181 DAY) WHERE id = ?',
      [refused.loanId],
    );
    const retention = (suite.stack.workers ?? suite.stack.api)!.get(PersonalDataRetention);
    const result = await retention.purgeExpired(new Date());
    expect(result.loans).toContain(refused.loanId);
    expect(result.loans).not.toContain(recent.loanId);
    expect(result.loans).not.toContain(loanId);

    const [purged] = await raw('SELECT name, id_number, phone FROM loan_party WHERE loan_id = ?', [
      refused.loanId,
    ]);
    expect(purged.name).toBe('(已清除 purged)');
    expect(purged.id_number).toMatch(/^PURGED-/);
    expect(purged.phone).toBe('');
    const [kept] = await raw('SELECT id_number FROM loan_party WHERE loan_id = ?', [recent.loanId]);
    expect(kept.id_number).toMatch(/^enc:v1:/);
    const [loan] = await raw(
      'SELECT status, payee_account, personal_data_purged_at FROM loan WHERE id = ?',
      [refused.loanId],
    );
    expect(loan).toMatchObject({ status: 'refused', payee_account: null });
    expect(loan.personal_data_purged_at).not.toBeNull();
    expect(await raw('SELECT id FROM loan_document WHERE loan_id = ?', [refused.loanId])).toEqual(
      [],
    );
    expect(existsSync(file)).toBe(false);
    const [said] = await raw('SELECT body FROM loan_comment WHERE loan_id = ?', [refused.loanId]);
    expect(said.body).toBe('(已清除 purged)');
    const [complaint] = await raw('SELECT body, answer FROM complaint WHERE loan_id = ?', [
      refused.loanId,
    ]);
    expect(complaint).toEqual({ body: '(已清除 purged)', answer: '(已清除 purged)' });
    // Purged once: a second run finds nothing more for it.
    expect((await retention.purgeExpired(new Date())).loans).not.toContain(refused.loanId);
    const trail = await raw(
      `SELECT actor, outcome FROM audit_entry WHERE action = 'personal-data.purge' AND loan_key = ?`,
      [refused.loanId],
    );
    expect(trail).toEqual([{ actor: 'system', outcome: 'ok' }]);
  });
});
