import type { DishonestDebtorEntry, DishonestDebtorList } from './dishonest-debtors';

/** The simulated list's entries by blind index, per process (demos and tests list people here). */
const LISTED = new Map<string, DishonestDebtorEntry>();

/** Puts a person on the simulated list, as a court's publication would. */
export function listSimulatedDishonestDebtor(entry: DishonestDebtorEntry): void {
  LISTED.set(entry.idNumberIndex, { ...entry });
}

export class SimulatedDishonestDebtorList implements DishonestDebtorList {
  readonly source = 'simulated-court-list';

  lookUp(idNumberIndexes: readonly string[]): Promise<DishonestDebtorEntry[]> {
    return Promise.resolve(
      idNumberIndexes.flatMap((index) => {
        const entry = LISTED.get(index);
        return entry ? [{ ...entry }] : [];
      }),
    );
  }
}
