import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AccessObject } from '@loanflow/observability';
import { AccessObjectResolver, ScopedObject } from '@loanflow/identity';

type Row = { loanId: string | null; branchCode: string | null };

/**
 * Each object a route can name leads to one loan, and the loan to its branch: a task and a
 * process instance by their business key, an incident by its instance. Read from the loan register
 * itself where the object has a loan, so a branch code copied elsewhere can never widen access.
 */
const LOOKUPS: Record<AccessObject, string> = {
  loan: `SELECT l.id AS loanId, l.branch_code AS branchCode FROM loan l WHERE l.id = ?`,
  // A task of no loan (a unit's task, e.g. a warning-level crossing) is where intake put it: the
  // org unit its candidate groups name.
  task: `SELECT t.business_key AS loanId,
                COALESCE(l.branch_code, CASE WHEN t.business_key IS NULL THEN t.branch_code END) AS branchCode
           FROM user_task t LEFT JOIN loan l ON l.id = t.business_key WHERE t.id = ?`,
  'process-instance': `SELECT p.business_key AS loanId, l.branch_code AS branchCode
           FROM process_instance p LEFT JOIN loan l ON l.id = p.business_key
          WHERE p.process_instance_key = ? AND p.last_position > 0`,
  incident: `SELECT p.business_key AS loanId, l.branch_code AS branchCode
           FROM incident i
           LEFT JOIN process_instance p ON p.process_instance_key = i.process_instance_key
           LEFT JOIN loan l ON l.id = p.business_key
          WHERE i.incident_key = ?`,
};

/** Keys longer than any id the product issues name nothing: no query for them. */
const MAX_KEY_LENGTH = 64;

@Injectable()
export class LoanAccessObjects extends AccessObjectResolver {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async resolve(object: AccessObject, key: string): Promise<ScopedObject | null> {
    if (key.length > MAX_KEY_LENGTH) return null;
    const [row] = await this.dataSource.query<Row[]>(LOOKUPS[object], [key]);
    if (!row) return null;
    // A business key that is no loan (a process of another kind) belongs to no branch.
    const loanId = row.branchCode ? row.loanId : null;
    return { object, key, loanId, branchCode: row.branchCode ?? null };
  }
}
