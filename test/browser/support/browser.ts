import { INestApplication } from '@nestjs/common';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@loanflow/identity';
import { httpOf } from '@loanflow/test-support';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '../../../var/test-results/screenshots');
export const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** The API the spec started, listening on a free port of the loopback, serving the console. */
export async function listen(api: INestApplication): Promise<string> {
  await api.listen(0, '127.0.0.1');
  const { port } = httpOf(api).address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Debian's Chromium, headless, with a profile of its own that is removed on close. */
export class Browser {
  private constructor(
    readonly context: BrowserContext,
    private readonly profile: string,
    readonly baseUrl: string,
  ) {}

  static async open(baseUrl: string): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), 'loanflow-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: VIEWPORTS[0],
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    context.setDefaultTimeout(20_000);
    return new Browser(context, profile, baseUrl);
  }

  /** A new tab (its own sessionStorage: its own signed-in user). */
  async page(): Promise<Page> {
    const page = await this.context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    return page;
  }

  /** One page load of the sign-in page, then the inbox as this demo user. */
  async signIn(username: string, page?: Page): Promise<Page> {
    const tab = page ?? (await this.page());
    await tab.goto(`${this.baseUrl}/login`);
    await tab.getByLabel('用户名').fill(username);
    await tab.getByLabel('密码').fill(DEMO_PASSWORD);
    await tab.getByRole('button', { name: '登录' }).click();
    await tab.getByTestId('user-name').waitFor();
    return tab;
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/**
 * Screenshots of the page at 1280×800 and 1920×1080 under var/test-results/screenshots, and the
 * horizontal overflow at each (0 when the layout holds).
 */
export async function shoot(
  page: Page,
  name: string,
): Promise<{ viewport: string; overflow: number }[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const results: { viewport: string; overflow: number }[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300); // charts and diagrams follow their box's size
    const overflow = await horizontalOverflow(page);
    const label = `${viewport.width}x${viewport.height}`;
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
    results.push({ viewport: label, overflow });
  }
  await page.setViewportSize(VIEWPORTS[0]);
  return results;
}

/** Reloads the page until the locator shows up (work arriving through the engine). */
export async function reloadUntil(page: Page, selector: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await page.locator(selector).count()) > 0) return;
    if (Date.now() > deadline) throw new Error(`${selector} did not appear within ${timeoutMs} ms`);
    await page.waitForTimeout(750);
    await page.reload();
    await page.waitForLoadState('networkidle');
  }
}

/** A phone, the third size the console is walked at. */
export const PHONE = { width: 390, height: 844 } as const;

/**
 * Screenshots at 1280×800, 1920×1080 and on a phone (390×844) under var/test-results/screenshots,
 * with the horizontal overflow at each (0 when the layout holds).
 */
export async function shootThreeSizes(
  page: Page,
  name: string,
): Promise<{ viewport: string; overflow: number }[]> {
  const results = await shoot(page, name);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  const overflow = await horizontalOverflow(page);
  const label = `${PHONE.width}x${PHONE.height}`;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  await page.setViewportSize(VIEWPORTS[0]);
  return [...results, { viewport: label, overflow }];
}

export const NO_OVERFLOW_THREE_SIZES = [
  { viewport: '1280x800', overflow: 0 },
  { viewport: '1920x1080', overflow: 0 },
  { viewport: '390x844', overflow: 0 },
];

export const NO_OVERFLOW = [
  { viewport: '1280x800', overflow: 0 },
  { viewport: '1920x1080', overflow: 0 },
];

/** Waits for the element and tells whether it is visible (false when it never shows). */
export async function visible(locator: {
  waitFor(): Promise<void>;
  isVisible(): Promise<boolean>;
}) {
  await locator.waitFor().catch(() => undefined);
  return locator.isVisible();
}

/** How far the page is wider than the window, in CSS pixels: 0 when the layout holds. */
export function horizontalOverflow(page: Page): Promise<number> {
  // A string runs in the page (this tsconfig has no DOM types).
  return page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
}
