import { stackSuite } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, NO_OVERFLOW, shoot, visible } from './support/browser';

/** One demo user for every role of the bank (README: Demo bank). */
const DEMO_USERS = [
  'li.cm',
  'zhou.cm',
  'wang.reviewer',
  'zhao.approver',
  'chen.center',
  'xu.committee',
  'ma.mortgage',
  'hu.supervisor',
  'guo.postloan',
  'lin.collection',
  'tang.legal',
  'yang.risk',
  'song.archive',
  'jiang.audit',
  'deng.designer',
  'admin',
];

describe('console sign-in', () => {
  const suite = stackSuite({ api: true });
  let browser: Browser;

  beforeAll(async () => {
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(DEMO_USERS)('%s signs in and sees their name, roles and org unit', async (username) => {
    const me = (await suite.staff.get(username, '/api/auth/me')).body as {
      displayName: string;
      roles: (keyof typeof zh.roles)[];
      orgUnitCode: string;
    };
    const page = await browser.signIn(username);
    await expect(page.getByTestId('user-name').innerText()).resolves.toBe(me.displayName);
    const roles = await page.getByTestId('user-roles').innerText();
    for (const role of me.roles) expect(roles).toContain(zh.roles[role]);
    await expect(page.getByTestId('user-unit').innerText()).resolves.toContain(me.orgUnitCode);
    await expect(visible(page.getByRole('heading', { name: zh.inbox.title }))).resolves.toBe(true);
    await page.close();
  });

  it('refuses a wrong password with the reason and its code', async () => {
    const page = await browser.page();
    await page.goto(`${browser.baseUrl}/inbox`);
    await page.getByLabel('用户名').fill('li.cm');
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: '登录' }).click();
    const error = page.getByTestId('error');
    await expect(error.getAttribute('data-code')).resolves.toBe('UNAUTHENTICATED');
    await expect(error.innerText()).resolves.toContain(zh.errors.UNAUTHENTICATED);
    expect(await shoot(page, 'sign-in')).toEqual(NO_OVERFLOW);
    await page.close();
  });

  it('sends a user whose session has expired back to sign-in with a message', async () => {
    const page = await browser.signIn('li.cm');
    // A token the API no longer accepts, as after its 30 minutes.
    await page.evaluate(`sessionStorage.setItem('loanflow.token', 'expired.token.value')`);
    await page.goto(`${browser.baseUrl}/quote`);
    await expect(page.getByTestId('session-notice').innerText()).resolves.toBe(zh.auth.expired);
    await expect(visible(page.getByLabel('用户名'))).resolves.toBe(true);
    await page.close();
  });

  it('switches to English and back, formatting amounts in the chosen locale', async () => {
    const page = await browser.signIn('li.cm');
    await page.goto(`${browser.baseUrl}/quote`);
    await page.getByRole('button', { name: zh.quote.submit }).click();
    await expect(page.getByTestId('quote-totals').innerText()).resolves.toMatch(
      /¥\d{1,3}(,\d{3})*\.\d{2}/,
    );
    expect(await shoot(page, 'quote')).toEqual(NO_OVERFLOW);
    await page.getByLabel(zh.nav.language).first().selectOption('en');
    await expect(visible(page.getByRole('heading', { name: 'Repayment quote' }))).resolves.toBe(
      true,
    );
    await page.getByLabel('Language').first().selectOption('zh-CN');
    await expect(visible(page.getByRole('heading', { name: zh.quote.title }))).resolves.toBe(true);
    await page.close();
  });
});
