import type { EntityManager } from 'typeorm';
import { UserEntity } from '@loanflow/persistence';

/**
 * Locks the person's user row until the transaction ends: one change of a person's staffing (an
 * absence declared, a handover made) at a time, so two sent at once cannot both pass their checks.
 */
export async function lockPerson(manager: EntityManager, username: string): Promise<void> {
  await manager.findOne(UserEntity, { where: { username }, lock: { mode: 'pessimistic_write' } });
}
