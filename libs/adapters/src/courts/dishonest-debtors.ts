/** An entry on the courts' list of dishonest judgment debtors (失信被执行人名单). */
export interface DishonestDebtorEntry {
  /** The blind index of the person's ID number: the only key the bank asks by. */
  idNumberIndex: string;
  court: string;
  caseNumber: string;
  /** YYYY-MM-DD: when the court published the listing. */
  listedOn: string;
}

/**
 * The courts' dishonest-debtor list, behind an interface: the bank receives the list (by its data
 * exchange with the courts) and looks people up by the blind index of the ID number, so that no
 * plain ID number leaves the register for a check, or enters a process variable.
 */
export interface DishonestDebtorList {
  readonly source: string;
  /** The entries among `idNumberIndexes` (unknown ones are simply absent). */
  lookUp(idNumberIndexes: readonly string[]): Promise<DishonestDebtorEntry[]>;
}

export const DISHONEST_DEBTOR_LIST = Symbol('DISHONEST_DEBTOR_LIST');
