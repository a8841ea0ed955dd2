import {
  applyAs,
  creditApplication,
  FORM,
  openOriginationStack,
  TestStack,
} from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, NO_OVERFLOW, shoot, visible } from './support/browser';

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
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await openOriginationStack();
    browser = await Browser.open(await listen(stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('uploads from the task, refuses a disguised file, and previews the photo in the dossier', async () => {
    const { loanId } = await applyAs(stack.staff!, creditApplication(), 'li.cm');
    const task = await stack.staff!.waitForTask('li.cm', loanId, FORM.investigation);
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
    expect(await panel.locator('[data-document]').count()).toBe(0);

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
});
