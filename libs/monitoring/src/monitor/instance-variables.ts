import { DataSource } from 'typeorm';
import { ProcessVariableEntity } from '@loanflow/persistence';

/** An instance's root variables as the projection holds them (JSON values, text when not JSON). */
export async function instanceVariables(
  dataSource: DataSource,
  processInstanceKey: string,
): Promise<Record<string, unknown>> {
  const rows = await dataSource.getRepository(ProcessVariableEntity).findBy({ processInstanceKey });
  return Object.fromEntries(
    rows.map((row) => {
      try {
        return [row.name, JSON.parse(row.value)];
      } catch {
        return [row.name, row.value];
      }
    }),
  );
}
