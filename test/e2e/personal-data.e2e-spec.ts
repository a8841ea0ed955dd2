import { DataSource } from 'typeorm';
import { blindIndex } from '@loanflow/persistence';
import {
  applyAs,
  CLEAN_APPLICANT,
  GUARANTOR,
  guarantorApplication,
  openOriginationStack,
  Staff,
  TestStack,
} from '../support';

/**
 * Personal financial information (JR/T 0171-2020 C2: identity numbers, phone numbers, account
 * numbers): encrypted at rest with blind indexes for the look-ups, masked in every answer of the
 * API, in full only through a reveal by someone who serves the customer within their unit, with
 * a reason, audited.
 */
describe('personal data at rest and on screen: encrypted, masked by default, revealed on purpose', () => {
  let stack: TestStack;
  let staff: Staff;
  let dataSource: DataSource;
  let loanId: string;

  beforeAll(async () => {
    stack = await openOriginationStack();
    staff = stack.staff!;
    dataSource = stack.api!.get(DataSource);
    ({ loanId } = await applyAs(staff, guarantorApplication()));
  });

  afterAll(async () => {
    await stack.close();
  });

  const raw = (sql: string, params: unknown[]) =>
    dataSource.query(sql, params) as Promise<Record<string, string>[]>;

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
    expect(Number(plain[0].n)).toBe(0);
    const [loan] = await raw('SELECT payee_account FROM loan WHERE id = ?', [loanId]);
    expect(loan.payee_account).toMatch(/^enc:v1:/);
  });

  it('masks identifiers in the dossier for everyone, the customer manager included', async () => {
    const dossier = (await staff.get('li.cm', `/api/loans/${loanId}`)).body;
    expect(dossier.applicant).toMatchObject({
      name: CLEAN_APPLICANT.name,
      idNumber: '330106********123X',
      phone: '138****8000',
    });
    expect(dossier.guarantors[0]).toMatchObject({ idNumber: '330106********2346' });
    expect(JSON.stringify(dossier)).not.toContain(CLEAN_APPLICANT.idNumber);
    expect(JSON.stringify(dossier)).not.toContain(CLEAN_APPLICANT.phone);
  });

  it('reveals one identifier in full to a person serving the customer who says why, and audits it', async () => {
    const dossier = (await staff.get('li.cm', `/api/loans/${loanId}`)).body;
    const path = `/api/loans/${loanId}/personal-data/reveal`;
    const revealed = await staff.post('li.cm', path, {
      field: 'idNumber',
      partyId: dossier.guarantors[0].id,
      reason: 'checking the guarantor’s ID card against the contract',
    });
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ loanId, field: 'idNumber', value: GUARANTOR.idNumber });
    const phone = await staff.post('li.cm', path, {
      field: 'phone',
      partyId: dossier.applicant.id,
      reason: 'calling the applicant about a missing document',
    });
    expect(phone.body.value).toBe(CLEAN_APPLICANT.phone);

    // No reason, or a party of another loan: 400 by field.
    const noReason = await staff.post('li.cm', path, {
      field: 'idNumber',
      partyId: dossier.applicant.id,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fieldErrors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    const stranger = await staff.post('li.cm', path, {
      field: 'idNumber',
      partyId: '999999999',
      reason: 'looking at somebody else’s loan',
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.fieldErrors.map((e: { field: string }) => e.field)).toEqual(['partyId']);

    // The auditor examines the record, the designer runs the engine: neither reveals (403, audited);
    // a customer manager of another branch does not see the loan at all.
    for (const username of ['jiang.audit', 'deng.designer']) {
      const refused = await staff.post(username, path, {
        field: 'idNumber',
        partyId: dossier.applicant.id,
        reason: 'curious about the applicant',
      });
      expect(refused.status).toBe(403);
    }
    const otherBranch = await staff.post('sun.cm', path, {
      field: 'idNumber',
      partyId: dossier.applicant.id,
      reason: 'curious about the applicant',
    });
    expect(otherBranch.status).toBe(404);

    const trail = (await staff.get('jiang.audit', `/api/loans/${loanId}/audit`)).body as {
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
});
