import request from 'supertest';
import { OriginationWorkersModule } from '@loanflow/origination';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { TasksWorkersModule } from '@loanflow/tasks';
import {
  applyAs,
  creditApplication,
  httpOf,
  modelPath,
  ORIGINATION_MODELS,
  stackSuite,
} from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, NO_OVERFLOW, shoot } from './support/browser';
import { untranslated } from './support/chinese-ui';

const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * The customer manager asks for a new repayment account from the loan page with a document of the
 * loan as evidence (a bad number is shown on its field), the reviewer sees the change masked
 * beside the review form, and the loan page keeps the history — all in Chinese.
 */
describe('changes of account in the console: requested on the loan page, reviewed in the inbox', () => {
  const suite = stackSuite({
    models: [...ORIGINATION_MODELS, modelPath('change-request.bpmn')],
    workers: [TasksWorkersModule, OriginationWorkersModule, ServicingWorkersModule],
    api: true,
  });
  let browser: Browser;

  beforeAll(async () => {
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('requests a repayment-account change with evidence, shows it to the reviewer and in the history', async () => {
    const staff = suite.staff;
    const { loanId } = await applyAs(staff, creditApplication(), 'li.cm');
    const uploaded = await request(httpOf(suite.stack.api!))
      .post(`/api/loans/${loanId}/documents`)
      .set('authorization', `Bearer ${await staff.token('li.cm')}`)
      .field('kind', 'id-card')
      .attach('file', PHOTO, { filename: '新银行卡.png', contentType: 'image/png' });
    expect(uploaded.status).toBe(201);
    const card = `62220${Date.now()}`;

    const cm = await browser.signIn('li.cm');
    await cm.goto(`${browser.baseUrl}/loans/${loanId}`);
    const panel = cm.getByTestId('loan-changes');
    await panel.getByRole('heading', { name: zh.changes.title }).waitFor();
    await panel.getByLabel(zh.changes.kind).selectOption({
      label: zh.changes.kinds['repayment-account'],
    });
    await panel.getByLabel(zh.changes.fields.account).fill('6222-bad');
    await panel.getByLabel(zh.changes.reason).fill('借款人新办工资卡，申请从新卡扣款');
    await panel.getByRole('button', { name: zh.changes.submit }).click();
    // No evidence chosen: refused on that field, nothing recorded.
    await panel.getByText(zh.changes.evidenceNeeded).waitFor();
    // Evidence, but a bad account number: refused on the account field.
    await panel.getByRole('checkbox').first().check();
    await panel.getByRole('button', { name: zh.changes.submit }).click();
    await panel.locator('#change-account[aria-invalid="true"]').waitFor();

    await panel.getByLabel(zh.changes.fields.account).fill(card);
    await panel.getByRole('button', { name: zh.changes.submit }).click();
    await panel.getByText(zh.changes.requested).waitFor();
    const row = panel.locator('tbody tr').first();
    await expect(row.innerText()).resolves.toContain(zh.changes.kinds['repayment-account']);
    await expect(row.innerText()).resolves.toContain(`****${card.slice(-4)}`);
    await expect(row.innerText()).resolves.toContain(zh.changes.states.requested);
    expect(await cm.content()).not.toContain(card);
    // The documents panel beside it shows file sizes in kB (a unit, not a key; not this feature's).
    expect((await untranslated(cm)).filter((text) => text !== 'kB')).toEqual([]);
    expect(await shoot(cm, 'loan-changes')).toEqual(NO_OVERFLOW);

    const task = await staff.waitForTask('wang.reviewer', loanId, 'loanflow:change-review');
    const reviewer = await browser.signIn('wang.reviewer');
    await reviewer.goto(`${browser.baseUrl}/tasks/${task.id}`);
    const under = reviewer.getByTestId('change-under-review');
    await under.getByText(zh.changes.kinds['repayment-account']).waitFor();
    await expect(under.innerText()).resolves.toContain(`****${card.slice(-4)}`);
    await reviewer.locator('form.rjsf').waitFor();
    expect((await untranslated(reviewer)).filter((text) => text !== 'kB')).toEqual([]);
    const done = await staff.post('wang.reviewer', `/api/tasks/${task.id}/complete`, {
      answer: { outcome: 'approve', opinion: '工资卡开户证明已核对，同意变更' },
    });
    expect(done.status).toBe(200);

    for (let i = 0; i < 40; i++) {
      await cm.reload();
      await panel.locator('tbody tr').first().waitFor();
      if ((await panel.locator('tbody tr').first().innerText()).includes(zh.changes.states.applied))
        break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await expect(panel.locator('tbody tr').first().innerText()).resolves.toContain(
      zh.changes.states.applied,
    );
  });
});
