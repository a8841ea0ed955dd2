import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ElementInstanceEntity,
  ProcessDefinitionEntity,
  ProcessInstanceEntity,
} from '@loanflow/persistence';

export type DeployedVersion = Pick<
  ProcessDefinitionEntity,
  'processDefinitionKey' | 'bpmnProcessId' | 'version' | 'resourceName' | 'bpmnXml'
>;
export type RunningInstance = Pick<ProcessInstanceEntity, 'processInstanceKey' | 'businessKey'>;
export type ActiveElement = Pick<ElementInstanceEntity, 'elementId' | 'elementType'>;

/**
 * What planning a migration reads from the projection. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class MigrationReads {
  abstract version(processDefinitionKey: string): Promise<DeployedVersion | null>;
  /** The version's active instances, oldest first. */
  abstract activeInstances(processDefinitionKey: string): Promise<RunningInstance[]>;
  /** Where the instance's tokens wait now, as the projection has seen them. */
  abstract activeElements(processInstanceKey: string): Promise<ActiveElement[]>;
}

/** The projection's SQL for migrations (MySQL/MariaDB). */
@Injectable()
export class SqlMigrationReads extends MigrationReads {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  version(processDefinitionKey: string): Promise<DeployedVersion | null> {
    return this.dataSource
      .getRepository(ProcessDefinitionEntity)
      .findOneBy({ processDefinitionKey });
  }

  activeInstances(processDefinitionKey: string): Promise<RunningInstance[]> {
    return this.dataSource.getRepository(ProcessInstanceEntity).find({
      where: { processDefinitionKey, state: 'active' },
      order: { startedAt: 'ASC' },
    });
  }

  activeElements(processInstanceKey: string): Promise<ActiveElement[]> {
    return this.dataSource
      .getRepository(ElementInstanceEntity)
      .findBy({ processInstanceKey, state: 'active' });
  }
}
