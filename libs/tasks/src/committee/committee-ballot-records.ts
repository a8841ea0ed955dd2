import type { EntityManager } from 'typeorm';
import {
  CommitteeBallotEntity,
  CommitteeVoteEntity,
  isDuplicateKeyError,
} from '@loanflow/persistence';

/** A member's ballot as it is kept; the register gives it its id. */
export type NewBallot = Omit<CommitteeBallotEntity, 'id'>;

/**
 * What recording a ballot reads and writes, inside the completion's transaction. An abstract class
 * so that it is both the shape a unit spec's fake implements and the one the form writes through.
 */
export abstract class CommitteeBallotRecords {
  /**
   * The round of the vote, locked for update until the completion commits (a ballot and the count
   * never interleave), or null when there is none.
   */
  abstract lockVote(voteId: string): Promise<CommitteeVoteEntity | null>;
  /**
   * Keeps the ballot; false, keeping nothing, when the member already holds one in this round (the
   * round's unique key on the member).
   */
  abstract addBallot(ballot: NewBallot): Promise<boolean>;
}

/**
 * The register's SQL for ballots (MySQL/MariaDB), on the completion's transaction: a form's
 * `record` is handed its manager, so this is built per completion rather than injected.
 */
export class SqlCommitteeBallotRecords extends CommitteeBallotRecords {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  lockVote(voteId: string): Promise<CommitteeVoteEntity | null> {
    return this.manager.findOne(CommitteeVoteEntity, {
      where: { id: voteId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async addBallot(ballot: NewBallot): Promise<boolean> {
    try {
      await this.manager.insert(CommitteeBallotEntity, ballot);
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return false;
    }
  }
}
