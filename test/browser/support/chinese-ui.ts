import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { zh } from '../../../apps/console/src/locales/zh';
import { horizontalOverflow, SCREENSHOTS } from './browser';

/** The first segment of a two-part key path that betrays a key shown as text (`task.complete`). */
const KEY_ROOTS = [...Object.keys(zh), ...Object.keys(zh.audit.actions), 'loanflow'];

/**
 * Runs in the page: every token of the visible text (and of the options of lists) that is an
 * untranslated key: a camelCase field name (`certificateNo`), a form key (`loanflow:…`), an i18n
 * or audit key path (`fields.remarks`, `task.complete`, `a.b.c`). Text inside closed "technical
 * details" is not visible and not read.
 */
const SCAN = `(() => {
  const roots = new Set(${JSON.stringify(KEY_ROOTS)});
  const text = [
    document.body.innerText,
    ...[...document.querySelectorAll('select option')].map((option) => option.textContent || ''),
  ].join('\\n');
  const tokens = text
    .split(/[\\s，。：；、！？（）()\\[\\]{}「」『』“”"'‘’,;!?·|\\/<>=+*#…—]+/)
    .map((token) => token.replace(/[.:]+$/, ''))
    .filter(Boolean);
  const bad = tokens.filter((token) => {
    if (/^[a-z]+[A-Z]\\w*$/.test(token)) return true;
    if (/^loanflow:/.test(token)) return true;
    const path = /^([a-z][a-zA-Z]*)((?:\\.[a-zA-Z][\\w-]*)+)$/.exec(token);
    // A model's file name (collection.bpmn) is what it is called.
    if (!path || /\\.(bpmn|dmn|form|json)$/.test(token)) return false;
    const parts = token.split('.').length;
    return parts >= 3 || roots.has(path[1]);
  });
  return [...new Set(bad)];
})()`;

/** Untranslated keys the page shows, for `expect(...).toEqual([])`. */
export async function untranslated(page: Page): Promise<string[]> {
  return page.evaluate(SCAN);
}

export const DEVICES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

/**
 * Screenshots of the page on a phone (390×844) and a tablet (768×1024) under
 * var/test-results/screenshots, and the horizontal overflow at each (0 when the layout holds).
 */
export async function shootDevices(
  page: Page,
  name: string,
): Promise<{ device: string; overflow: number }[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize();
  const results: { device: string; overflow: number }[] = [];
  for (const device of DEVICES) {
    await page.setViewportSize({ width: device.width, height: device.height });
    await page.waitForTimeout(300); // charts and diagrams follow their box's size
    const overflow = await horizontalOverflow(page);
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${device.name}-${device.width}x${device.height}.png`),
      fullPage: true,
    });
    results.push({ device: device.name, overflow });
  }
  if (before) await page.setViewportSize(before);
  return results;
}

export const NO_DEVICE_OVERFLOW = DEVICES.map((device) => ({ device: device.name, overflow: 0 }));
