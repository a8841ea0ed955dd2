import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, eventually, originationSuite } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen } from './support/browser';
import { NO_DEVICE_OVERFLOW, shootDevices, untranslated } from './support/chinese-ui';

/**
 * The Chinese console shows no key: the main pages, each as a user who works on it, are read
 * for camelCase field names, form keys and i18n or audit key paths (every task form is read by
 * every-form.browser-spec.ts). The inbox and the dossier also fit a phone and a tablet. A spec
 * that read English would fail here: a label missing from the locales shows its key.
 */
describe('the console in Chinese', () => {
  const suite = originationSuite(ServicingWorkersModule, MonitoringWorkersModule);
  let browser: Browser;
  let loanId: string;

  beforeAll(async () => {
    loanId = await disbursedLoan(suite.stack);
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('sends the console’s script compressed to a browser that accepts it', async () => {
    const page = await browser.page();
    const script = page.waitForResponse((response) =>
      /\/assets\/index-[\w-]+\.js$/.test(response.url()),
    );
    await page.goto(`${browser.baseUrl}/login`);
    const response = await script;
    // Chromium asks for brotli over https only: on this http origin, gzip.
    expect(['br', 'gzip']).toContain(await response.headerValue('content-encoding'));
    expect(await response.headerValue('cache-control')).toContain('immutable');
    await page.close();
  });

  it.each([
    ['inbox', 'li.cm', '/inbox'],
    ['loans', 'chen.center', '/loans'],
    ['quote', 'li.cm', '/quote'],
    ['apply', 'li.cm', '/apply'],
    ['monitor', 'chen.center', '/monitor'],
    ['dashboard', 'chen.center', '/dashboard'],
    ['models', 'deng.designer', '/models'],
    ['complaints', 'chen.center', '/complaints'],
    ['key customers', 'yang.risk', '/key-customers'],
    ['reports', 'jiang.audit', '/reports'],
    ['archive', 'song.archive', '/archive'],
  ])('shows the %s page without a key', async (_name, user, path) => {
    const page = await browser.signIn(user);
    await page.goto(`${browser.baseUrl}${path}`);
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('error-screen').count()).resolves.toBe(0);
    expect(await untranslated(page)).toEqual([]);
    await page.close();
  });

  it('shows the inbox and the dossier, with its audit trail in business words, on a phone and a tablet', async () => {
    const page = await browser.signIn('chen.center');
    await page.goto(`${browser.baseUrl}/inbox`);
    await page.getByTestId('type-counts').waitFor();
    expect(await shootDevices(page, 'inbox')).toEqual(NO_DEVICE_OVERFLOW);

    await page.goto(`${browser.baseUrl}/loans/${loanId}`);
    const timeline = page.getByTestId('audit-timeline');
    await timeline.locator('li').first().waitFor();
    expect(await untranslated(page)).toEqual([]);
    // Acts by what they did and on which task, people by name, the rate as a percentage.
    const trail = await timeline.innerText();
    expect(trail).toContain(zh.audit.actions.application.submit);
    expect(trail).toContain('「贷前调查报告」');
    expect(trail).not.toMatch(/task\.complete|application\.submit/);
    // Names arrive with the directory, which may answer after the trail: wait for them.
    const actor = timeline.locator('[data-username="li.cm"]').first();
    await expect(
      eventually(
        () => actor.innerText(),
        (text) => text !== 'li.cm',
      ),
    ).resolves.not.toBe('li.cm');
    await expect(page.getByTestId('loan-facts').innerText()).resolves.not.toMatch(/SB-HZ-XH/);
    await expect(
      page.locator('section[aria-labelledby="terms-title"]').innerText(),
    ).resolves.toContain('12.00%');
    expect(await shootDevices(page, 'dossier')).toEqual(NO_DEVICE_OVERFLOW);
    await page.close();
  });
});
