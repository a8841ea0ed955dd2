import { EntityManager } from 'typeorm';
import {
  assertNotBelowFloor,
  assertUpgradeAllowed,
  isWorseClass,
  LoanClass,
} from '@loanflow/domain';
import { LoanEntity } from '@loanflow/persistence';
import { readClassificationFacts } from './classification-facts';

/**
 * Refuses a better level the 2023 rules do not allow yet, whoever proposes it (an inspection, the
 * risk manager's approval): below the floor (days past due, a restructured loan under observation)
 * → CLASSIFICATION_BELOW_FLOOR; a non-performing loan that has not earned its way up →
 * UPGRADE_NOT_EARNED. Both name the rule and what is still needed. A worse or equal level passes.
 */
export async function assertBetterLevelAllowed(
  manager: EntityManager,
  loan: LoanEntity,
  proposed: LoanClass,
  asOf: string,
): Promise<void> {
  const current = loan.classification as LoanClass;
  if (!isWorseClass(current, proposed)) return;
  const facts = await readClassificationFacts(manager, loan, asOf);
  assertNotBelowFloor(proposed, facts.floor);
  assertUpgradeAllowed(current, proposed, facts.record);
}
