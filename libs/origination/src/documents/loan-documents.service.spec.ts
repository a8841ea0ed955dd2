import { createHash } from 'node:crypto';
import type { AuditAct, AuditTrail } from '@loanflow/audit';
import { Role, UPLOAD_KINDS } from '@loanflow/domain';
import type { Principal } from '@loanflow/identity';
import type { DocumentStore } from './document-store';
import type { UploadedPart } from './document-upload.interceptor';
import { FakeDocumentTask, FakeLoanDocumentRecords } from './loan-document-records.fixture';
import { LoanDocumentsService } from './loan-documents.service';
import { staffPrincipal } from '@loanflow/test-support/principals';

const LOAN = 'LN20260901-7KQ2M9';
const OTHER_LOAN = 'LN20260902-3HX8PA';
const TASK = '2251799813700001';
const SUPPLEMENT = 'loanflow:papers-supplement';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const keyOf = (bytes: Buffer) => `${sha256Of(bytes).slice(0, 2)}/${sha256Of(bytes)}`;

const PEOPLE: Record<string, { roles: Role[]; unit: string }> = {
  'li.cm': { roles: ['customer-manager'], unit: 'SB-HZ-XH' },
  'wang.reviewer': { roles: ['reviewer'], unit: 'BR-HZ' },
};

function principal(username: string): Principal {
  const person = PEOPLE[username];
  if (!person) throw new Error(`no such person in the fixture: ${username}`);
  return staffPrincipal(username, person.roles, person.unit);
}

const actorOf = (username: string) => ({
  username,
  roles: PEOPLE[username].roles,
  orgUnitCode: PEOPLE[username].unit,
});

/** A part as multer gives it: the name as the browser sent it (read as UTF-8). */
function part(
  bytes: Buffer,
  originalname = 'scan.pdf',
  mimetype = 'application/pdf',
): UploadedPart {
  return { originalname, mimetype, size: bytes.length, buffer: bytes };
}

interface Setup {
  /** The store fails to put or get with this error. */
  storeFailure?: Error;
}

/**
 * The service over the fake register, with an audit trail and a document store in memory. The
 * store's puts are logged in the register's call log, so the order of bytes and row shows.
 */
function documentsOver(records: FakeLoanDocumentRecords, setup: Setup = {}) {
  records.loans.add(LOAN);
  records.loans.add(OTHER_LOAN);
  records.tasks.set(TASK, openTask());
  /** Entries the trail recorded in transactions of their own (refusals and reads). */
  const trail: AuditAct[] = [];
  const audit = {
    record: async (act: AuditAct) => void trail.push(act),
  } as unknown as AuditTrail;
  const files = new Map<string, Buffer>();
  const store: DocumentStore = {
    put: async (key, bytes) => {
      records.calls.push('store.put');
      if (setup.storeFailure) throw setup.storeFailure;
      if (!files.has(key)) files.set(key, Buffer.from(bytes));
    },
    get: async (key) => {
      if (setup.storeFailure) throw setup.storeFailure;
      const bytes = files.get(key);
      if (!bytes) throw new Error(`ENOENT: no document ${key}`);
      return bytes;
    },
    delete: async (key) => void files.delete(key),
  };
  return { service: new LoanDocumentsService(records, audit, store), trail, files };
}

function openTask(over: Partial<FakeDocumentTask> = {}): FakeDocumentTask {
  return {
    businessKey: LOAN,
    state: 'open',
    endReason: null,
    assignee: 'li.cm',
    formKey: SUPPLEMENT,
    ...over,
  };
}

const at = (minute: number) => new Date(Date.UTC(2026, 8, 1, 2, minute));

describe('the documents of a loan file: the rules the service keeps over its register', () => {
  describe('listing', () => {
    it('lists the loan’s documents oldest first, each with the type of the task it came from', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service } = documentsOver(records);
      const later = records.put({ loanId: LOAN, uploadedAt: at(30) });
      const fromTask = records.put({
        loanId: LOAN,
        taskId: TASK,
        kind: 'visit-photo',
        fileName: '走访.jpg',
        contentType: 'image/jpeg',
        sizeBytes: '52311',
        uploadedBy: 'wang.reviewer',
        uploadedAt: at(10),
      });
      // Same minute, uploaded after it: the id breaks the tie.
      const sameMinute = records.put({ loanId: LOAN, uploadedAt: at(10) });
      const goneTask = records.put({
        loanId: LOAN,
        taskId: '2251799813700999',
        uploadedAt: at(20),
      });
      records.put({ loanId: OTHER_LOAN, uploadedAt: at(1) });

      const views = await service.list(LOAN);

      expect(views.map((v) => v.id)).toEqual([fromTask.id, sameMinute.id, goneTask.id, later.id]);
      expect(views[0]).toEqual({
        id: fromTask.id,
        loanId: LOAN,
        taskId: TASK,
        taskType: SUPPLEMENT,
        kind: 'visit-photo',
        fileName: '走访.jpg',
        contentType: 'image/jpeg',
        sizeBytes: 52311,
        sha256: fromTask.sha256,
        uploadedBy: 'wang.reviewer',
        uploadedAt: '2026-09-01T02:10:00.000Z',
      });
      expect(views[1]).toMatchObject({ taskId: null, taskType: null });
      expect(views[2]).toMatchObject({ taskId: '2251799813700999', taskType: null });
    });

    it('asks for no task types when no document came from a task', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service } = documentsOver(records);
      records.put({ loanId: LOAN });
      expect(await service.list(LOAN)).toHaveLength(1);
      expect(records.calls).toEqual(['ofLoan']);
    });
  });

  describe('uploading to a loan', () => {
    it('stores the bytes by their SHA-256 and registers who brought in what kind, the type its bytes say, its size', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service, files, trail } = documentsOver(records);
      const before = Date.now();

      // The name and the browser say JPEG; the bytes say PDF, and the bytes decide.
      const view = await service.uploadToLoan(
        principal('li.cm'),
        LOAN,
        'income-proof',
        part(PDF, '工资流水.jpg', 'image/jpeg'),
      );

      const sha256 = sha256Of(PDF);
      expect(files.get(keyOf(PDF))).toEqual(PDF);
      expect(view).toEqual({
        id: view.id,
        loanId: LOAN,
        taskId: null,
        taskType: null,
        kind: 'income-proof',
        fileName: '工资流水.jpg',
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256,
        uploadedBy: 'li.cm',
        uploadedAt: view.uploadedAt,
      });
      expect(Date.parse(view.uploadedAt)).toBeGreaterThanOrEqual(before);
      expect(records.stored(view.id)).toEqual({
        id: view.id,
        loanId: LOAN,
        taskId: null,
        kind: 'income-proof',
        fileName: '工资流水.jpg',
        contentType: 'application/pdf',
        sizeBytes: String(PDF.length),
        sha256,
        storageKey: `${sha256.slice(0, 2)}/${sha256}`,
        uploadedBy: 'li.cm',
        uploadedAt: new Date(view.uploadedAt),
      });
      expect(records.audited).toEqual([
        {
          actor: actorOf('li.cm'),
          action: 'loan.document-upload',
          outcome: 'ok',
          loanKey: LOAN,
          taskId: null,
          reason: `document ${view.id}: income-proof, application/pdf, ${PDF.length} bytes, sha256 ${sha256}`,
        },
      ]);
      expect(trail).toEqual([]);
    });

    it.each([
      ['image/png', PNG],
      ['image/jpeg', JPEG],
    ])('takes a photo as %s by its bytes', async (contentType, bytes) => {
      const records = new FakeLoanDocumentRecords();
      const { service } = documentsOver(records);
      const view = await service.uploadToLoan(
        principal('li.cm'),
        LOAN,
        'visit-photo',
        part(bytes, 'photo.pdf', 'application/pdf'),
      );
      expect(view).toMatchObject({ contentType, sizeBytes: bytes.length });
    });

    it('stores the bytes before their row: a row never points at nothing', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service } = documentsOver(records);
      await service.uploadToLoan(principal('li.cm'), LOAN, 'contract', part(PDF));
      expect(records.calls).toEqual(['loanExists', 'store.put', 'transaction', 'insert', 'audit']);
    });

    it('registers the same bytes uploaded twice as two documents under one storage key', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service, files } = documentsOver(records);
      const first = await service.uploadToLoan(principal('li.cm'), LOAN, 'contract', part(PDF));
      const second = await service.uploadToLoan(
        principal('li.cm'),
        LOAN,
        'income-proof',
        part(PDF, 'copy.pdf'),
      );
      expect(second.id).not.toBe(first.id);
      expect(records.documents.map((d) => d.storageKey)).toEqual([keyOf(PDF), keyOf(PDF)]);
      expect([...files.keys()]).toEqual([keyOf(PDF)]);
    });

    it('refuses a loan that is not on file: LOAN_NOT_FOUND, nothing stored', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service, files } = documentsOver(records);
      await expect(
        service.uploadToLoan(principal('li.cm'), 'LN20260101-NOPE00', 'contract', part(PDF)),
      ).rejects.toThrowDomainError('LOAN_NOT_FOUND', {
        message: 'There is no loan LN20260101-NOPE00.',
      });
      expect(files.size).toBe(0);
      expect(records.documents).toEqual([]);
    });

    const KIND_REASON = `kind must be one of ${UPLOAD_KINDS.join(', ')}`;
    const refusals: {
      name: string;
      kind: unknown;
      file?: UploadedPart;
      fieldErrors: { field: string; reasons: string[]; rules: string[] }[];
    }[] = [
      {
        name: 'a kind no file holds',
        kind: 'selfie',
        file: part(PDF),
        fieldErrors: [{ field: 'kind', reasons: [KIND_REASON], rules: ['isDocumentKind'] }],
      },
      {
        name: 'no kind',
        kind: undefined,
        file: part(PDF),
        fieldErrors: [{ field: 'kind', reasons: [KIND_REASON], rules: ['isDocumentKind'] }],
      },
      {
        name: 'no file',
        kind: 'contract',
        fieldErrors: [{ field: 'file', reasons: ['a file is required'], rules: ['isNotEmpty'] }],
      },
      {
        name: 'an empty file',
        kind: 'contract',
        file: part(Buffer.alloc(0)),
        fieldErrors: [{ field: 'file', reasons: ['the file is empty'], rules: ['isNotEmpty'] }],
      },
      {
        name: 'a file that is no JPEG, PNG or PDF by its bytes, whatever its name',
        kind: 'contract',
        file: part(Buffer.from('MZ\x90\x00 not a pdf'), 'contract.pdf'),
        fieldErrors: [
          {
            field: 'file',
            reasons: ['the file is not a JPEG, PNG or PDF by its content, whatever its name'],
            rules: ['isDocumentType'],
          },
        ],
      },
      {
        name: 'a name longer than 200 characters',
        kind: 'contract',
        file: part(PDF, `${'a'.repeat(197)}.pdf`),
        fieldErrors: [
          {
            field: 'file',
            reasons: ['the file name is longer than 200 characters'],
            rules: ['maxLength'],
          },
        ],
      },
      {
        name: 'a bad kind and no file, both at once',
        kind: 42,
        fieldErrors: [
          { field: 'kind', reasons: [KIND_REASON], rules: ['isDocumentKind'] },
          { field: 'file', reasons: ['a file is required'], rules: ['isNotEmpty'] },
        ],
      },
    ];

    it.each(refusals)(
      'refuses $name: 400 naming the field, nothing stored or registered',
      async ({ kind, file, fieldErrors }) => {
        const records = new FakeLoanDocumentRecords();
        const { service, files, trail } = documentsOver(records);
        await expect(
          service.uploadToLoan(principal('li.cm'), LOAN, kind, file),
        ).rejects.toThrowDomainError('VALIDATION_FAILED', {
          message: fieldErrors
            .flatMap((e) => e.reasons.map((reason) => `${e.field}: ${reason}`))
            .join('; '),
          details: { fieldErrors },
        });
        expect(files.size).toBe(0);
        expect(records.documents).toEqual([]);
        expect(records.calls).not.toContain('transaction');
        expect(trail).toEqual([]);
      },
    );

    it('counts a Chinese name in characters, not bytes: 150 of them are taken', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service } = documentsOver(records);
      const name = `${'收入证明'.repeat(36)}流水.pdf`;
      const view = await service.uploadToLoan(principal('li.cm'), LOAN, 'other', part(PDF, name));
      expect(view.fileName).toBe(name);
    });

    it('takes a name of 200 characters', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service } = documentsOver(records);
      const name = `${'a'.repeat(196)}.pdf`;
      const view = await service.uploadToLoan(
        principal('li.cm'),
        LOAN,
        'contract',
        part(PDF, name),
      );
      expect(view.fileName).toBe(name);
    });

    it.each([
      ['a Chinese name, as sent', '收入证明（2026）.pdf', '收入证明（2026）.pdf'],
      ['C1 controls, removed', 'scan\u0085\u009b.pdf', 'scan.pdf'],
      ['marks that reorder text, removed', 'invoice\u202Efdp.exe\u2066.pdf', 'invoicefdp.exe.pdf'],
      ['a Windows path, to its last part', 'C:\\Users\\li\\Desktop\\scan.pdf', 'scan.pdf'],
      ['a relative path, to its last part', '../../etc/passwd.pdf', 'passwd.pdf'],
      ['control characters, removed', 'sc\u0000an\u001b\u007f.pdf', 'scan.pdf'],
      ['accented letters, kept', 'caf\u00e9.pdf', 'café.pdf'],
      ['nothing left, as document', 'folder/', 'document'],
      ['no name, as document', '', 'document'],
    ])('keeps the name as the uploader’s computer had it: %s', async (_, sent, kept) => {
      const records = new FakeLoanDocumentRecords();
      const { service } = documentsOver(records);
      const view = await service.uploadToLoan(principal('li.cm'), LOAN, 'other', part(PDF, sent));
      expect(view.fileName).toBe(kept);
      expect(records.stored(view.id)?.fileName).toBe(kept);
    });

    it('leaves the bytes stored but writes no row when the audit entry cannot be written', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service, files } = documentsOver(records);
      records.auditFailure = new Error('the audit trail is unavailable');
      await expect(
        service.uploadToLoan(principal('li.cm'), LOAN, 'contract', part(PDF)),
      ).rejects.toThrow('the audit trail is unavailable');
      expect(records.documents).toEqual([]);
      expect(records.audited).toEqual([]);
      // Harmless: the same file the next upload of these bytes stores.
      expect([...files.keys()]).toEqual([keyOf(PDF)]);
    });

    it('registers nothing when the store does not take the bytes', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service } = documentsOver(records, { storeFailure: new Error('bucket unreachable') });
      await expect(
        service.uploadToLoan(principal('li.cm'), LOAN, 'contract', part(PDF)),
      ).rejects.toThrow('bucket unreachable');
      expect(records.calls).not.toContain('transaction');
      expect(records.documents).toEqual([]);
    });
  });

  describe('uploading from a task', () => {
    it('takes the upload of the task’s assignee while it is open, onto the task’s loan', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service, trail } = documentsOver(records);

      const view = await service.uploadFromTask(principal('li.cm'), TASK, 'id-card', part(PNG));

      expect(view).toMatchObject({
        loanId: LOAN,
        taskId: TASK,
        taskType: SUPPLEMENT,
        kind: 'id-card',
        contentType: 'image/png',
      });
      expect(records.stored(view.id)).toMatchObject({ loanId: LOAN, taskId: TASK });
      expect(records.audited).toEqual([
        expect.objectContaining({
          actor: actorOf('li.cm'),
          outcome: 'ok',
          loanKey: LOAN,
          taskId: TASK,
          reason: `document ${view.id}: id-card, image/png, ${PNG.length} bytes, sha256 ${sha256Of(PNG)}`,
        }),
      ]);
      expect(trail).toEqual([]);
    });

    it.each([
      ['does not exist', null],
      ['belongs to no loan', openTask({ businessKey: null })],
    ])('refuses a task that %s: TASK_NOT_FOUND, unaudited', async (_, task) => {
      const records = new FakeLoanDocumentRecords();
      const { service, files, trail } = documentsOver(records);
      if (task) records.tasks.set('2251799813700777', task);
      await expect(
        service.uploadFromTask(principal('li.cm'), '2251799813700777', 'id-card', part(PNG)),
      ).rejects.toThrowDomainError('TASK_NOT_FOUND', {
        message: 'There is no task 2251799813700777.',
      });
      expect(files.size).toBe(0);
      expect(trail).toEqual([]);
    });

    it.each([
      {
        name: 'a completed task',
        task: openTask({ state: 'completed' }),
        code: 'TASK_ENDED',
        message: 'This task has ended: completed.',
      },
      {
        name: 'a task ended for a reason, held by someone else',
        task: openTask({
          state: 'cancelled',
          endReason: 'the application was withdrawn',
          assignee: 'wang.reviewer',
        }),
        code: 'TASK_ENDED',
        message: 'This task has ended: the application was withdrawn.',
      },
      {
        name: 'an open task held by someone else',
        task: openTask({ assignee: 'wang.reviewer' }),
        code: 'NOT_ASSIGNEE',
        message: 'Claim the task before adding documents from it.',
      },
      {
        name: 'an open task nobody holds',
        task: openTask({ assignee: null }),
        code: 'NOT_ASSIGNEE',
        message: 'Claim the task before adding documents from it.',
      },
    ])(
      'refuses $name: $code, audited as refused, nothing stored',
      async ({ task, code, message }) => {
        const records = new FakeLoanDocumentRecords();
        const { service, files, trail } = documentsOver(records);
        records.tasks.set(TASK, task);
        await expect(
          service.uploadFromTask(principal('li.cm'), TASK, 'id-card', part(PNG)),
        ).rejects.toThrowDomainError(code, { message });
        expect(trail).toEqual([
          {
            actor: actorOf('li.cm'),
            action: 'loan.document-upload',
            outcome: 'refused',
            loanKey: LOAN,
            taskId: TASK,
            reason: `${code}: ${message}`,
          },
        ]);
        expect(files.size).toBe(0);
        expect(records.documents).toEqual([]);
        expect(records.audited).toEqual([]);
      },
    );

    it('checks the upload before the task: bad input is a 400 even on an ended task, unaudited', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service, trail } = documentsOver(records);
      records.tasks.set(TASK, openTask({ state: 'completed' }));
      await expect(
        service.uploadFromTask(principal('li.cm'), TASK, 'selfie', part(PNG)),
      ).rejects.toThrowDomainError('VALIDATION_FAILED');
      expect(records.calls).toEqual([]);
      expect(trail).toEqual([]);
    });
  });

  describe('reading a document', () => {
    it('gives the loan’s document with its bytes, audited as read with its kind and checksum', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service, trail } = documentsOver(records);
      const uploaded = await service.uploadFromTask(
        principal('li.cm'),
        TASK,
        'income-proof',
        part(PDF),
      );

      const { row, bytes } = await service.content(principal('wang.reviewer'), LOAN, uploaded.id);

      expect(bytes).toEqual(PDF);
      expect(row).toMatchObject({
        id: uploaded.id,
        contentType: 'application/pdf',
        fileName: 'scan.pdf',
        sha256: sha256Of(PDF),
      });
      expect(trail).toEqual([
        {
          actor: actorOf('wang.reviewer'),
          action: 'loan.document-read',
          outcome: 'ok',
          loanKey: LOAN,
          taskId: TASK,
          reason: `document ${uploaded.id} (income-proof, sha256 ${sha256Of(PDF)}) read`,
        },
      ]);
    });

    it('answers another loan’s document as a missing one, unaudited', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service, trail } = documentsOver(records);
      const theirs = await service.uploadToLoan(
        principal('li.cm'),
        OTHER_LOAN,
        'contract',
        part(PDF),
      );
      await expect(service.content(principal('li.cm'), LOAN, theirs.id)).rejects.toThrowDomainError(
        'DOCUMENT_NOT_FOUND',
        {
          message: `Loan ${LOAN} has no document ${theirs.id}.`,
        },
      );
      expect(trail).toEqual([]);
    });

    it.each(['12abc', '', '-1', '1234567890123456789'])(
      'answers the id %p, no number of up to 18 digits, as missing without asking the register',
      async (documentId) => {
        const records = new FakeLoanDocumentRecords();
        const { service, trail } = documentsOver(records);
        await expect(
          service.content(principal('li.cm'), LOAN, documentId),
        ).rejects.toThrowDomainError('DOCUMENT_NOT_FOUND', {
          message: `Loan ${LOAN} has no document ${documentId}.`,
        });
        expect(records.calls).toEqual([]);
        expect(trail).toEqual([]);
      },
    );

    it('audits no read when the store cannot give the bytes', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service, trail } = documentsOver(records);
      const lost = records.put({ loanId: LOAN });
      await expect(service.content(principal('li.cm'), LOAN, lost.id)).rejects.toThrow(
        `ENOENT: no document ${lost.storageKey}`,
      );
      expect(trail).toEqual([]);
    });
  });

  describe('an application’s papers, registered in the caller’s transaction', () => {
    it('hashes and stores each paper first, then registers them all together or not at all', async () => {
      const records = new FakeLoanDocumentRecords();
      const { service, files } = documentsOver(records);
      const stored = [
        await service.storeBytes('id-card', part(JPEG, 'id.jpg')),
        await service.storeBytes('income-proof', part(PDF, 'income.pdf')),
      ];
      expect(stored.map((s) => [s.kind, s.sha256, s.storageKey])).toEqual([
        ['id-card', sha256Of(JPEG), keyOf(JPEG)],
        ['income-proof', sha256Of(PDF), keyOf(PDF)],
      ]);
      expect([...files.keys()]).toEqual([keyOf(JPEG), keyOf(PDF)]);

      // The caller's transaction fails after the papers: neither is registered.
      await expect(
        records.transaction(async (tx) => {
          for (const upload of stored)
            await service.register(tx, principal('li.cm'), LOAN, null, upload);
          throw new Error('the loan could not be written');
        }),
      ).rejects.toThrow('the loan could not be written');
      expect(records.documents).toEqual([]);
      expect(records.audited).toEqual([]);

      const rows = await records.transaction(async (tx) => {
        const written = [];
        for (const upload of stored)
          written.push(await service.register(tx, principal('li.cm'), LOAN, null, upload));
        return written;
      });
      expect(rows.map((r) => [r.kind, r.fileName, r.contentType])).toEqual([
        ['id-card', 'id.jpg', 'image/jpeg'],
        ['income-proof', 'income.pdf', 'application/pdf'],
      ]);
      expect(records.documents).toHaveLength(2);
      expect(records.audited.map((a) => a.reason)).toEqual(
        rows.map(
          (r) =>
            `document ${r.id}: ${r.kind}, ${r.contentType}, ${r.sizeBytes} bytes, sha256 ${r.sha256}`,
        ),
      );
    });
  });
});
