import type { DataSource } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import type { ZeebeClient } from '@loanflow/workflow';
import { SqlDeploymentRecords } from './deployment-records';
import { ModelDeployments } from './model-deployments';

/** Model deployment outside the api's container: for the CLI that installs models, and benches. */
export function modelDeploymentsOn(dataSource: DataSource, zeebe: ZeebeClient): ModelDeployments {
  const trail = new AuditTrail(dataSource);
  return new ModelDeployments(new SqlDeploymentRecords(dataSource, trail), trail, zeebe);
}
