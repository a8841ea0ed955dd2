import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isDuplicateKeyError } from './database-errors';
import { JobEffectEntity } from './entities/job-effect.entity';
import { insertRows } from './insert-rows';

export interface EffectOutcome<T> {
  result: T;
  /** true when the effect had already been produced and this call only replayed its result. */
  replayed: boolean;
}

/**
 * Produces a business effect once per (scope, key), however often the job that asks for it is
 * delivered. The effect's own writes and its marker commit in one transaction, so a crash leaves
 * either both or neither; a concurrent duplicate waits on the unique key and then replays.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  async once<T>(
    scope: string,
    key: string,
    jobKey: string | null,
    effect: (manager: EntityManager) => Promise<T>,
  ): Promise<EffectOutcome<T>> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await insertRows(manager, JobEffectEntity, {
          scope,
          effectKey: key,
          jobKey,
          resultJson: null,
        });
        const result = await effect(manager);
        await manager.update(
          JobEffectEntity,
          { scope, effectKey: key },
          { resultJson: result === undefined ? null : JSON.stringify(result) },
        );
        return { result, replayed: false };
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.dataSource
        .getRepository(JobEffectEntity)
        .findOneByOrFail({ scope, effectKey: key });
      return { result: parse<T>(existing.resultJson), replayed: true };
    }
  }
}

function parse<T>(json: string | null): T {
  return (json === null ? undefined : JSON.parse(json)) as T;
}
