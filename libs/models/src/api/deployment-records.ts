import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { ModelDeploymentEntity, ProcessDefinitionEntity } from '@loanflow/persistence';

/** One resource the broker took, as the release record keeps it. */
export type NewDeployment = Omit<ModelDeploymentEntity, 'id' | 'deployedAt'>;
/** A process version's model, kept with the projection so its instances can be drawn. */
export interface KeptDiagram {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  resourceName: string;
  bpmnXml: string;
}

/** A deployed process version with who released it and how many instances run on it. */
export interface ProcessVersionRow {
  id: string;
  version: number;
  key: string;
  resourceName: string;
  deployedAt: Date;
  deployedBy: string | null;
  approvedBy: string | null;
  checksum: string | null;
  active: string | null;
  completed: string | null;
  terminated: string | null;
}

/**
 * What deploying models reads and writes: the release records and the diagrams. An abstract class
 * so that it is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class DeploymentRecords {
  /** The ids of every decision ever deployed (business rule tasks may call them). */
  abstract deployedDecisionIds(): Promise<string[]>;
  /** Records what the broker took, keeps the diagrams and audits it, in one transaction. */
  abstract record(
    deployments: readonly NewDeployment[],
    diagrams: readonly KeptDiagram[],
    act: AuditAct,
  ): Promise<void>;
  /** Every process version, by process then newest version first. */
  abstract processVersions(): Promise<ProcessVersionRow[]>;
  /** The decisions' release records, by decision then newest version first. */
  abstract decisionDeployments(): Promise<ModelDeploymentEntity[]>;
}

/** The release records' SQL (MySQL/MariaDB). */
@Injectable()
export class SqlDeploymentRecords extends DeploymentRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  async deployedDecisionIds(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(ModelDeploymentEntity)
      .createQueryBuilder('d')
      .select('DISTINCT d.resource_id', 'id')
      .where(`d.kind = 'decision'`)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  async record(
    deployments: readonly NewDeployment[],
    diagrams: readonly KeptDiagram[],
    act: AuditAct,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const deployment of deployments) await manager.insert(ModelDeploymentEntity, deployment);
      for (const diagram of diagrams) await keepDiagram(manager, diagram);
      await this.trail.append(manager, act);
    });
  }

  processVersions(): Promise<ProcessVersionRow[]> {
    return this.dataSource.query<ProcessVersionRow[]>(`
      SELECT d.bpmn_process_id AS id, d.version, d.process_definition_key AS \`key\`, d.resource_name AS resourceName,
             d.deployed_at AS deployedAt, md.deployed_by AS deployedBy, md.approved_by AS approvedBy, md.checksum,
             SUM(i.state = 'active') AS active, SUM(i.state = 'completed') AS completed, SUM(i.state = 'terminated') AS \`terminated\`
      FROM process_definition d
      LEFT JOIN process_instance i ON i.process_definition_key = d.process_definition_key
      LEFT JOIN (SELECT definition_key, MAX(id) AS id FROM model_deployment GROUP BY definition_key) last ON last.definition_key = d.process_definition_key
      LEFT JOIN model_deployment md ON md.id = last.id
      GROUP BY d.process_definition_key, d.bpmn_process_id, d.version, d.resource_name, d.deployed_at, md.deployed_by, md.approved_by, md.checksum
      ORDER BY d.bpmn_process_id, d.version DESC`);
  }

  decisionDeployments(): Promise<ModelDeploymentEntity[]> {
    return this.dataSource.getRepository(ModelDeploymentEntity).find({
      where: { kind: 'decision' },
      order: { resourceId: 'ASC', version: 'DESC' },
    });
  }
}

/** Writes the process version's XML to the projection, as the projector would from its record. */
async function keepDiagram(manager: EntityManager, diagram: KeptDiagram): Promise<void> {
  // A version number held by another key comes from a broker whose data was wiped.
  await manager.query(
    'DELETE FROM process_definition WHERE bpmn_process_id = ? AND version = ? AND process_definition_key <> ?',
    [diagram.bpmnProcessId, diagram.version, diagram.processDefinitionKey],
  );
  await manager.upsert(ProcessDefinitionEntity, { ...diagram, deployedAt: new Date() }, [
    'processDefinitionKey',
  ]);
}
