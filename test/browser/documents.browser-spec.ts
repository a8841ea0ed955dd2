import { applyAs, creditApplication, FORM, originationSuite } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, NO_OVERFLOW, shoot, visible } from './support/browser';

const PAPERS = 'loanflow:papers-supplement';

/** A 1×1 PNG: what a phone's photo of a home visit stands for here. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * The investigator adds a photo of the visit from the task, a file that is not what its name says
 * is refused in Chinese; the dossier lists the photo with who brought it from which task, and shows it.
 */
describe('documents in the console: uploaded from a task, listed and previewed in the dossier', () => {
  const suite = originationSuite();
  let browser: Browser;

  beforeAll(async () => {
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('uploads from the task, refuses a disguised file, and previews the photo in the dossier', async () => {
    const { loanId } = await applyAs(suite.staff, creditApplication(), 'li.cm');
    const task = await suite.staff.waitForTask('li.cm', loanId, FORM.investigation);
    const cm = await browser.signIn('li.cm');
    await cm.goto(`${browser.baseUrl}/tasks/${task.id}`);
    if (await visible(cm.getByRole('button', { name: zh.task.claim })))
      await cm.getByRole('button', { name: zh.task.claim }).click();
    const panel = cm.getByTestId('documents');
    await panel.getByLabel(zh.files.kind).selectOption({ label: zh.documents['visit-photo'] });

    await panel
      .getByLabel(zh.files.file)
      .setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('GIF89a..') });
    await panel.getByRole('button', { name: zh.files.upload }).click();
    await expect(panel.locator('[data-field="file"]').innerText()).resolves.toBe(
      zh.validation.rules.isDocumentType,
    );
    // Only the four papers that came with the application: the disguised file was not added.
    expect(await panel.locator('[data-document]').count()).toBe(4);

    await panel
      .getByLabel(zh.files.file)
      .setInputFiles({ name: '上门照片.png', mimeType: 'image/png', buffer: PHOTO });
    await panel.getByRole('button', { name: zh.files.upload }).click();
    await panel.locator('[data-kind="visit-photo"]').waitFor();
    await expect(panel.locator('[data-kind="visit-photo"]').innerText()).resolves.toContain(
      '上门照片.png',
    );

    await cm.goto(`${browser.baseUrl}/loans/${loanId}`);
    const dossier = cm.getByTestId('documents');
    const photo = dossier.locator('[data-kind="visit-photo"]');
    await photo.waitFor();
    await expect(photo.innerText()).resolves.toContain(zh.taskTypes['investigation-report']);
    await photo.getByRole('button', { name: zh.files.preview }).click();
    await expect(visible(photo.getByTestId('document-preview'))).resolves.toBe(true);
    expect(await shoot(cm, 'loan-documents')).toEqual(NO_OVERFLOW);
  });

  it('asks for the papers not uploaded, refuses the task while one is missing, then goes on', async () => {
    // Declared in JSON, no file sent: intake waits for the papers (补充材料).
    const applied = await suite.staff.post('li.cm', '/api/applications', creditApplication());
    const { loanId } = applied.body as { loanId: string };
    const task = await suite.staff.waitForTask('li.cm', loanId, PAPERS);
    const cm = await browser.signIn('li.cm');
    await cm.goto(`${browser.baseUrl}/tasks/${task.id}`);
    if (await visible(cm.getByRole('button', { name: zh.task.claim })))
      await cm.getByRole('button', { name: zh.task.claim }).click();
    await cm.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await expect(cm.getByTestId('error').getAttribute('data-code')).resolves.toBe(
      'DOCUMENTS_MISSING',
    );
    await expect(cm.getByTestId('error').innerText()).resolves.toContain(
      zh.errors.DOCUMENTS_MISSING,
    );

    const panel = cm.getByTestId('documents');
    for (const kind of [
      'id-card',
      'income-proof',
      'credit-authorization',
      'purpose-evidence',
    ] as const) {
      await panel.getByLabel(zh.files.kind).selectOption({ label: zh.documents[kind] });
      await panel.getByLabel(zh.files.file).setInputFiles({
        name: `${kind}.pdf`,
        mimeType: 'application/pdf',
        buffer: Buffer.from(`%PDF-1.4\n% ${kind}\n%%EOF\n`),
      });
      await panel.getByRole('button', { name: zh.files.upload }).click();
      await panel.locator(`[data-kind="${kind}"]`).waitFor();
    }
    await cm.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await cm.waitForURL(/\/inbox$/);
    await suite.staff.waitForTask('li.cm', loanId, FORM.investigation);
  });
});
