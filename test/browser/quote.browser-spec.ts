import { stackSuite } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, NO_OVERFLOW, shoot } from './support/browser';

describe('quote calculator', () => {
  const suite = stackSuite({ api: true });
  let browser: Browser;

  beforeAll(async () => {
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows a customer manager the schedule to put before a borrower', async () => {
    const page = await browser.signIn('li.cm');
    await page.goto(`${browser.baseUrl}/quote`);
    await page.getByLabel(zh.quote.principal).fill('12000.00');
    await page.getByLabel(zh.quote.annualRate).fill('0.12');
    await page.getByLabel(zh.quote.termMonths).fill('12');
    await page.getByLabel(zh.quote.method).selectOption('equal-principal');
    await page.getByLabel(zh.quote.startDate).fill('2026-01-15');
    await page.getByRole('button', { name: zh.quote.submit }).click();
    const rows = page.getByTestId('quote-table').locator('tbody tr');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(12);
    // Equal principal: 1,000.00 a month; the first month's interest 12,000 × 1% = 120.00, the last 10.00.
    const cells = (index: number) => rows.nth(index).locator('td').allInnerTexts();
    const first = await cells(0);
    expect(first[0]).toBe('1');
    expect(first.slice(2, 5).join(' ')).toMatch(/1,120\.00.*1,000\.00.*120\.00/);
    const last = await cells(11);
    expect(last.slice(2, 6).join(' ')).toMatch(/1,010\.00.*1,000\.00.*10\.00.*0\.00/);
    await expect(page.getByTestId('quote-totals').innerText()).resolves.toMatch(/780\.00/);
    expect(await shoot(page, 'quote')).toEqual(NO_OVERFLOW);
    await page.close();
  });
});
