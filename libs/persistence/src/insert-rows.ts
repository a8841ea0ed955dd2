import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * Inserts rows without reading them back. `manager.insert` follows every insert of an entity with
 * a generated or defaulted column (an auto id, a creation time) by a SELECT of those columns, one
 * more statement for rows the caller never reads. Answers the first row's generated id (MySQL's
 * insert id), for the caller that needs it.
 */
export async function insertRows<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: QueryDeepPartialEntity<E> | QueryDeepPartialEntity<E>[],
): Promise<string> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(rows)
    .updateEntity(false)
    .execute();
  return insertIdOf(result.raw);
}

/** The auto-increment id MySQL reports for an insert ('0' when the table has none). */
function insertIdOf(raw: unknown): string {
  const id: unknown =
    typeof raw === 'object' && raw !== null && 'insertId' in raw ? raw.insertId : undefined;
  if (typeof id !== 'number' && typeof id !== 'bigint' && typeof id !== 'string')
    throw new Error(`the database reported no insert id (${JSON.stringify(raw)})`);
  return String(id);
}
