import type { components } from '@loanflow/api-client';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AuditEntryEntity, LoanDocumentEntity } from '@loanflow/persistence';
import { applyAs, creditApplication, FORM, httpOf, originationSuite } from '../support';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('a home visit photo, as bytes'),
]);
const PDF = Buffer.from('%PDF-1.4\n% salary slips of three months\n%%EOF\n');

describe('documents on a loan: uploaded, checked by their bytes, kept by checksum, read in scope', () => {
  const suite = originationSuite();
  let hangzhouLoan: string;
  let ningboLoan: string;

  beforeAll(async () => {
    hangzhouLoan = (await applyAs(suite.staff, creditApplication(), 'li.cm')).loanId;
    ningboLoan = (await applyAs(suite.staff, creditApplication(), 'sun.cm')).loanId;
  });

  async function upload(
    username: string,
    path: string,
    file: { bytes: Buffer; name: string; type: string } | null,
    kind = 'visit-photo',
  ) {
    let pending = request(httpOf(suite.stack.api!))
      .post(path)
      .set('authorization', `Bearer ${await suite.staff.token(username)}`)
      .field('kind', kind);
    if (file)
      pending = pending.attach('file', file.bytes, { filename: file.name, contentType: file.type });
    return pending;
  }
  const documentsOf = (loanId: string) =>
    suite.dataSource.getRepository(LoanDocumentEntity).countBy({ loanId });

  it('stores a good upload with its checksum, kind, uploader and time, and serves it back in scope', async () => {
    const uploaded = await upload('li.cm', `/api/loans/${hangzhouLoan}/documents`, {
      bytes: PNG,
      name: '上门照片.png',
      type: 'image/png',
    });
    expect(uploaded.status).toBe(201);
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    expect(uploaded.body).toMatchObject({
      loanId: hangzhouLoan,
      taskId: null,
      kind: 'visit-photo',
      fileName: '上门照片.png',
      contentType: 'image/png',
      sizeBytes: PNG.length,
      sha256,
      uploadedBy: 'li.cm',
    });
    expect(
      Date.parse((uploaded.body as { id: string; uploadedAt: string }).uploadedAt),
    ).toBeGreaterThan(Date.now() - 60_000);
    expect(existsSync(join(process.env.DOCUMENT_STORAGE_DIR!, sha256.slice(0, 2), sha256))).toBe(
      true,
    );

    const listed = await suite.staff.get('chen.center', `/api/loans/${hangzhouLoan}/documents`);
    expect(listed.status).toBe(200);
    // After the papers that came with the application, oldest first.
    const listedIds = (listed.body as { id: string }[]).map((d: { id: string }) => d.id);
    expect(listedIds).toHaveLength(5);
    expect(listedIds[listedIds.length - 1]).toBe(
      (uploaded.body as { id: string; uploadedAt: string }).id,
    );

    const content = await request(httpOf(suite.stack.api!))
      .get(
        `/api/loans/${hangzhouLoan}/documents/${(uploaded.body as { id: string; uploadedAt: string }).id}/content`,
      )
      .set('authorization', `Bearer ${await suite.staff.token('chen.center')}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(content.status).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['x-content-sha256']).toBe(sha256);
    expect(Buffer.compare(content.body as Buffer, PNG)).toBe(0);

    const acts = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ loanKey: hangzhouLoan, outcome: 'ok', action: 'loan.document-upload' });
    // The four papers of the application and this photo, each by the customer manager.
    expect(acts.map((a) => a.actor)).toEqual(['li.cm', 'li.cm', 'li.cm', 'li.cm', 'li.cm']);
  });

  it('takes a document from a task its assignee holds, with the task it came from', async () => {
    const task = await suite.staff.waitForTask('li.cm', hangzhouLoan, FORM.investigation);
    const path = `/api/tasks/${task.id}/documents`;
    const fromTask = await upload(
      'li.cm',
      path,
      { bytes: PDF, name: 'salary.pdf', type: 'application/pdf' },
      'income-proof',
    );
    expect(fromTask.status).toBe(201);
    expect(fromTask.body).toMatchObject({
      taskId: task.id,
      taskType: FORM.investigation,
      kind: 'income-proof',
      contentType: 'application/pdf',
    });
    const notTheirs = await upload(
      'zhou.cm',
      path,
      { bytes: PDF, name: 'salary.pdf', type: 'application/pdf' },
      'income-proof',
    );
    expect(notTheirs.status).toBe(403);
    expect((notTheirs.body as ErrorAnswer).code).toBe('NOT_ASSIGNEE');
  });

  it('refuses a file over the size limit with 413, and writes nothing', async () => {
    const before = await documentsOf(hangzhouLoan);
    const limit = Number(process.env.DOCUMENT_MAX_BYTES);
    const big = Buffer.concat([PNG, Buffer.alloc(limit)]);
    const refused = await upload('li.cm', `/api/loans/${hangzhouLoan}/documents`, {
      bytes: big,
      name: 'huge.png',
      type: 'image/png',
    });
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({
      code: 'DOCUMENT_TOO_LARGE',
      details: { limitBytes: limit },
    });
    expect(await documentsOf(hangzhouLoan)).toBe(before);
  });

  it('judges the type by the bytes, not the name or the type claimed, and names each bad field', async () => {
    const before = await documentsOf(hangzhouLoan);
    const disguised = await upload('li.cm', `/api/loans/${hangzhouLoan}/documents`, {
      bytes: Buffer.from('GIF89a pretending to be a photo'),
      name: 'photo.jpg',
      type: 'image/jpeg',
    });
    expect(disguised.status).toBe(400);
    expect((disguised.body as ErrorAnswer).fieldErrors).toEqual([
      {
        field: 'file',
        reasons: ['the file is not a JPEG, PNG or PDF by its content, whatever its name'],
        rules: ['isDocumentType'],
      },
    ]);
    const script = await upload('li.cm', `/api/loans/${hangzhouLoan}/documents`, {
      bytes: Buffer.from('<html><script>alert(1)</script>'),
      name: 'contract.pdf',
      type: 'application/pdf',
    });
    expect(script.status).toBe(400);
    const badKind = await upload(
      'li.cm',
      `/api/loans/${hangzhouLoan}/documents`,
      { bytes: PNG, name: 'x.png', type: 'image/png' },
      'selfie',
    );
    expect(badKind.status).toBe(400);
    expect(
      (badKind.body as ErrorAnswer).fieldErrors.map((f: { field: string }) => f.field),
    ).toEqual(['kind']);
    const noFile = await upload('li.cm', `/api/loans/${hangzhouLoan}/documents`, null);
    expect(noFile.status).toBe(400);
    expect((noFile.body as ErrorAnswer).fieldErrors.map((f: { field: string }) => f.field)).toEqual(
      ['file'],
    );
    expect(await documentsOf(hangzhouLoan)).toBe(before);
  });

  it('answers another branch’s reader as if the document did not exist (404), audited', async () => {
    const [document] = await suite.dataSource
      .getRepository(LoanDocumentEntity)
      .findBy({ loanId: hangzhouLoan, kind: 'visit-photo' });
    const outside = await suite.staff.get(
      'sun.cm',
      `/api/loans/${hangzhouLoan}/documents/${document.id}/content`,
    );
    expect(outside.status).toBe(404);
    expect((outside.body as ErrorAnswer).code).toBe('LOAN_NOT_FOUND');
    expect((await suite.staff.get('sun.cm', `/api/loans/${hangzhouLoan}/documents`)).status).toBe(
      404,
    );
    // Through a loan of their own, the id of another loan's document is no document of it.
    const smuggled = await suite.staff.get(
      'sun.cm',
      `/api/loans/${ningboLoan}/documents/${document.id}/content`,
    );
    expect(smuggled.status).toBe(404);
    expect((smuggled.body as ErrorAnswer).code).toBe('DOCUMENT_NOT_FOUND');
    const ningboPapers = await documentsOf(ningboLoan);
    const uploadOutside = await upload('li.cm', `/api/loans/${ningboLoan}/documents`, {
      bytes: PNG,
      name: 'x.png',
      type: 'image/png',
    });
    expect(uploadOutside.status).toBe(404);
    expect(await documentsOf(ningboLoan)).toBe(ningboPapers);
    const refusals = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ loanKey: hangzhouLoan, action: 'access.refused', actor: 'sun.cm' });
    expect(refusals.length).toBeGreaterThanOrEqual(2);
  });
});
