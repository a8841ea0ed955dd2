import { Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Staff } from './api-app';
import { openOriginationStack } from './origination';
import { TestStack } from './test-stack';

/**
 * The stack a describe block shares: opened before its first test, closed after its last. Its
 * parts are read through the suite (`suite.staff`) because they exist only once the block's
 * `beforeAll` has run; reading one earlier says so instead of handing out `undefined`.
 */
export class SuiteStack {
  private opened: TestStack | null = null;
  private readonly beforeClosing: (() => Promise<unknown>)[] = [];

  get stack(): TestStack {
    if (!this.opened)
      throw new Error('the suite’s stack opens in beforeAll: read it inside a hook or a test');
    return this.opened;
  }

  /** The demo staff signed in to the API. */
  get staff(): Staff {
    return this.stack.staff!;
  }

  /** The API's database connection, for what a spec reads or ages directly. */
  get dataSource(): DataSource {
    return this.stack.api!.get(DataSource);
  }

  open(stack: TestStack): void {
    this.opened = stack;
  }

  /** End-of-block work that still needs the stack (putting a shared setting back): run before it closes. */
  beforeClose(work: () => Promise<unknown>): void {
    this.beforeClosing.push(work);
  }

  async close(): Promise<void> {
    try {
      if (this.opened) for (const work of this.beforeClosing) await work();
    } finally {
      await this.opened?.close();
    }
  }
}

/**
 * Registers the describe block's hooks for the origination stack (plus any other workers) and
 * returns the suite that holds it. Hooks the block declares after this call run after the stack
 * is open (set-up) and, for `afterAll`, after it is closed: a clean-up that needs the stack goes
 * to `suite.beforeClose`.
 */
export function originationSuite(...moreWorkers: Type[]): SuiteStack {
  const suite = new SuiteStack();
  beforeAll(async () => {
    suite.open(await openOriginationStack(...moreWorkers));
  });
  afterAll(async () => {
    await suite.close();
  });
  return suite;
}
