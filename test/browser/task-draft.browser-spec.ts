import { applyAs, creditApplication, FORM, originationSuite } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, NO_OVERFLOW, shoot, visible } from './support/browser';

/**
 * The investigator fills half the form, saves a draft, leaves; back on the task the form is empty
 * until the draft is resumed. Beside the form, a comment mentioning the reviewer.
 */
describe('a task form saved as a draft and resumed in the console', () => {
  const suite = originationSuite();
  let browser: Browser;

  beforeAll(async () => {
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('saves the half-filled form, resumes it after a reload, and takes a comment beside it', async () => {
    const { loanId } = await applyAs(suite.staff, creditApplication(), 'li.cm');
    const task = await suite.staff.waitForTask('li.cm', loanId, FORM.investigation);
    const cm = await browser.signIn('li.cm');
    await cm.goto(`${browser.baseUrl}/tasks/${task.id}`);
    if (await visible(cm.getByRole('button', { name: zh.task.claim })))
      await cm.getByRole('button', { name: zh.task.claim }).click();
    await cm.getByLabel(zh.fields.monthlyIncome).fill('61000.00');
    await cm.getByLabel(zh.fields.remarks).fill('收入证明待补，先暂存');
    await cm.getByRole('button', { name: zh.task.saveDraft }).click();
    await expect(visible(cm.getByTestId('draft-saved'))).resolves.toBe(true);
    expect(await shoot(cm, 'task-draft')).toEqual(NO_OVERFLOW);

    await cm.reload();
    await cm.getByRole('button', { name: zh.task.resumeDraft }).waitFor();
    await expect(cm.getByLabel(zh.fields.monthlyIncome).inputValue()).resolves.toBe('');
    await cm.getByRole('button', { name: zh.task.resumeDraft }).click();
    await expect(cm.getByLabel(zh.fields.monthlyIncome).inputValue()).resolves.toBe('61000.00');
    await expect(cm.getByLabel(zh.fields.remarks).inputValue()).resolves.toBe(
      '收入证明待补，先暂存',
    );

    const comments = cm.getByTestId('comments');
    await comments.getByLabel(zh.comments.text).fill('已上门核实，@chen.center 请知悉');
    await comments.getByRole('button', { name: zh.comments.add }).click();
    await expect(comments.locator('[data-comment]').first().innerText()).resolves.toContain(
      '已上门核实',
    );

    // The draft is the investigator's alone: the center manager's view of the task has none.
    const manager = await browser.signIn('chen.center');
    await manager.goto(`${browser.baseUrl}/tasks/${task.id}`);
    await manager.getByTestId('task-assignee').waitFor();
    expect(await manager.getByRole('button', { name: zh.task.resumeDraft }).count()).toBe(0);
    expect(await manager.getByRole('button', { name: zh.task.saveDraft }).count()).toBe(0);
  });
});
