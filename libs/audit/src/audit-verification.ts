import { DataSource, MoreThan, Not, In, Repository } from 'typeorm';
import { AuditChainHeadEntity, AuditEntryEntity } from '@loanflow/persistence';
import { chainHash, genesisOf } from './audit-hash';

export type TrailVerdict =
  | { intact: true; rows: number; chains: number }
  | {
      intact: false;
      rows: number;
      chains: number;
      chain: number | null;
      firstBrokenId: string;
      problem: string;
    };

type ChainBreak = { id: string; problem: string };

const VERIFY_BATCH = 1000;

/**
 * Recomputes every chain of the trail from its genesis up to its head as it stands when the check
 * starts (acts recorded meanwhile are the next check's), and looks for rows on no chain. Names the
 * first row (lowest id) whose content, link or place was altered.
 */
export async function verifyAuditTrail(dataSource: DataSource): Promise<TrailVerdict> {
  const repository = dataSource.getRepository(AuditEntryEntity);
  const heads = await dataSource.getRepository(AuditChainHeadEntity).find({ order: { id: 'ASC' } });
  let rows = 0;
  const breaks: (ChainBreak & { chain: number | null })[] = [];
  for (const head of heads) {
    const walked = await walkChain(repository, head);
    rows += walked.rows;
    if (walked.broken) breaks.push({ ...walked.broken, chain: head.id });
  }
  const stray = await repository.findOne({
    select: { id: true },
    where: { chain: Not(In(heads.map((head) => head.id))) },
    order: { id: 'ASC' },
  });
  if (stray)
    breaks.push({
      id: stray.id,
      chain: null,
      problem: 'is on no chain of the trail (a row was inserted or moved)',
    });
  const first = breaks.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))[0];
  return first
    ? {
        intact: false,
        rows,
        chains: heads.length,
        chain: first.chain,
        firstBrokenId: first.id,
        problem: first.problem,
      }
    : { intact: true, rows, chains: heads.length };
}

async function walkChain(
  repository: Repository<AuditEntryEntity>,
  head: AuditChainHeadEntity,
): Promise<{ rows: number; broken?: ChainBreak }> {
  let expectedPrev = genesisOf(head.id);
  let lastId = '0';
  let rows = 0;
  while (expectedPrev !== head.lastHash) {
    const batch = await repository.find({
      where: { chain: head.id, id: MoreThan(lastId) },
      order: { id: 'ASC' },
      take: VERIFY_BATCH,
    });
    if (batch.length === 0)
      return {
        rows,
        broken: {
          id: head.lastId,
          problem: 'the chain ends before its recorded head (rows were removed at the end)',
        },
      };
    for (const row of batch) {
      rows += 1;
      if (row.prevHash !== expectedPrev)
        return {
          rows,
          broken: {
            id: row.id,
            problem: 'does not link to the row before it (a row was removed or reordered)',
          },
        };
      if (chainHash(row.prevHash, row) !== row.hash)
        return {
          rows,
          broken: {
            id: row.id,
            problem: 'its content no longer matches its hash (the row was altered)',
          },
        };
      expectedPrev = row.hash;
      lastId = row.id;
      if (expectedPrev === head.lastHash) break;
    }
  }
  return { rows };
}
