import { MigrationInterface, QueryRunner } from 'typeorm';

/** As many chains as the trail had when this migration was written; later ones add heads. */
const CHAINS = 16;

/** Chain n starts from n written as 64 hex digits, so the one chain the trail had (0) keeps its genesis. */
const genesisOf = (chain: number) => chain.toString(16).padStart(64, '0');

/**
 * The audit trail as several hash chains instead of one. Every append locked the one chain head
 * until its transaction committed, so every audited act in the bank (a payment, a task, a sign-in)
 * waited for every other; with a head per chain and each act on its loan's chain, acts on
 * different loans no longer queue behind each other, and each chain is still verified row by row.
 * The rows written so far are chain 0, whose head was row 1.
 */
export class AuditChains1798005400000 implements MigrationInterface {
  name = 'AuditChains1798005400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE audit_entry ADD COLUMN chain TINYINT UNSIGNED NOT NULL DEFAULT 0,
         ADD INDEX ix_audit_entry_chain (chain, id)`,
    );
    await q.query(`UPDATE audit_chain_head SET id = 0 WHERE id = 1`);
    for (let chain = 1; chain < CHAINS; chain += 1)
      await q.query(`INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (?, 0, ?)`, [
        chain,
        genesisOf(chain),
      ]);
  }

  async down(q: QueryRunner): Promise<void> {
    // Rows on the other chains cannot join chain 0 without rewriting their links: refuse rather than
    // leave a trail that no longer verifies.
    const [row] = (await q.query(
      `SELECT COUNT(*) AS others FROM audit_entry WHERE chain <> 0`,
    )) as { others: string }[];
    const others = Number(row?.others ?? 0);
    if (others > 0)
      throw new Error(
        `${others} audit rows are on chains other than 0; the trail cannot go back to one chain`,
      );
    await q.query(`DELETE FROM audit_chain_head WHERE id <> 0`);
    await q.query(`UPDATE audit_chain_head SET id = 1 WHERE id = 0`);
    await q.query(`ALTER TABLE audit_entry DROP INDEX ix_audit_entry_chain, DROP COLUMN chain`);
  }
}
