import type { afterAll, beforeAll } from '@jest/globals';
import { Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Staff } from './api-app';
import { openOriginationStack } from './origination';
import { TestStack, TestStackOptions } from './test-stack';

/**
 * The stack a describe block shares: opened before its first test, closed after its last. Its
 * parts are read through the suite (`suite.staff`) because they exist only once the block's
 * `beforeAll` has run; reading one earlier says so instead of handing out `undefined`.
 */
export class SuiteStack {
  private opened: TestStack | null = null;
  private readonly beforeClosing: (() => unknown)[] = [];

  get stack(): TestStack {
    if (!this.opened)
      throw new Error('the suite’s stack opens in beforeAll: read it inside a hook or a test');
    return this.opened;
  }

  /** The demo staff signed in to the API. */
  get staff(): Staff {
    return this.withApi().staff!;
  }

  /** The API's database connection, for what a spec reads or ages directly. */
  get dataSource(): DataSource {
    return this.withApi().api!.get(DataSource);
  }

  private withApi(): TestStack {
    if (!this.stack.api) throw new Error('the suite’s stack serves no API: open it with api: true');
    return this.stack;
  }

  open(stack: TestStack): void {
    this.opened = stack;
  }

  /** End-of-block work that still needs the stack (putting a shared setting back): run before it closes. */
  beforeClose(work: () => unknown): void {
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
 * Registers the describe block's hooks for a stack and returns the suite that holds it. Hooks the block declares after this call run after the stack
 * is open (set-up) and, for `afterAll`, after it is closed: a clean-up that needs the stack goes
 * to `suite.beforeClose`.
 */
export function stackSuite(options: TestStackOptions): SuiteStack {
  return suiteOf(() => TestStack.open(options));
}

/** A suite on the origination stack (models, inbox and origination workers, API) plus any workers. */
export function originationSuite(...moreWorkers: Type[]): SuiteStack {
  return suiteOf(() => openOriginationStack(...moreWorkers));
}

/**
 * Jest's hooks as the spec being declared sees them. Not imported: jest's global set-up loads this
 * module too (through the support index), and @jest/globals refuses to load outside a test file.
 */
const jestHooks = () =>
  globalThis as unknown as { beforeAll: typeof beforeAll; afterAll: typeof afterAll };

function suiteOf(open: () => Promise<TestStack>): SuiteStack {
  const suite = new SuiteStack();
  const { beforeAll, afterAll } = jestHooks();
  beforeAll(async () => {
    suite.open(await open());
  });
  afterAll(async () => {
    await suite.close();
  });
  return suite;
}
