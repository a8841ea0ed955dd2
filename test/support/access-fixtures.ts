import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { GOOD_INVESTIGATION } from '@loanflow/origination';
import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { ProcessInstanceEntity } from '@loanflow/persistence';
import { eventually } from './eventually';
import { applyAs, creditApplication, FORM, openOriginationStack } from './origination';
import type { TestStack } from './test-stack';
import { fixturePath } from './zeebe';
import { textOf } from '@loanflow/domain';

/** One loan's objects as the access specs address them. */
export interface LoanObjects {
  loanId: string;
  processInstanceKey: string;
  /** Its review, waiting. */
  openTaskId: string;
  /** Its investigation, done. */
  doneTaskId: string;
  /** An open incident of an instance of the loan. */
  incidentKey: string;
}

export interface AccessFixtures {
  stack: TestStack;
  /** A loan of the Hangzhou Xihu sub-branch (li.cm's). */
  hangzhou: LoanObjects;
  /** A loan of the Ningbo Yinzhou sub-branch (sun.cm's). */
  ningbo: LoanObjects;
  /** The origination process definition the loans run on. */
  definitionKey: string;
  /** The process the incidents are in: one per spec, so specs running side by side never mix. */
  incidentProcess: string;
}

/**
 * The origination stack with the projector, and two loans of different branches, each with a
 * process instance, a done and an open task and an incident whose message names the applicant:
 * what the access specs address every route with.
 */
export async function openAccessFixtures(tag: string): Promise<AccessFixtures> {
  const stack = await openOriginationStack(MonitoringWorkersModule);
  const incident = { process: `test-access-incident-${tag}`, job: `test.access-incident-${tag}` };
  const incidentModel = readFileSync(fixturePath('monitoring-incident.bpmn'), 'utf8')
    .replace('id="test-monitoring-incident"', `id="${incident.process}"`)
    .replace('type="test.monitoring-call"', `type="${incident.job}"`);
  await stack.zeebe.deployResource({
    process: Buffer.from(incidentModel),
    name: `access-incident-${tag}.bpmn`,
  });
  const hangzhou = await loanObjects(stack, incident, 'li.cm', 'wang.reviewer');
  const ningbo = await loanObjects(stack, incident, 'sun.cm', 'he.reviewer');
  const { processDefinitionKey } = await stack
    .api!.get(DataSource)
    .getRepository(ProcessInstanceEntity)
    .findOneByOrFail({ processInstanceKey: hangzhou.processInstanceKey });
  return {
    stack,
    hangzhou,
    ningbo,
    definitionKey: processDefinitionKey,
    incidentProcess: incident.process,
  };
}

async function loanObjects(
  stack: TestStack,
  incidentModel: { process: string; job: string },
  customerManager: string,
  reviewer: string,
): Promise<LoanObjects> {
  const staff = stack.staff!;
  const applied = await applyAs(staff, creditApplication(), customerManager);
  const investigation = await applied.desk.completeOk(
    customerManager,
    FORM.investigation,
    GOOD_INVESTIGATION,
  );
  const review = await staff.waitForTask(reviewer, applied.loanId, FORM.review);
  const incident = await stack.zeebe.createProcessInstance({
    bpmnProcessId: incidentModel.process,
    variables: { businessKey: applied.loanId, loanId: applied.loanId },
  });
  for (let attempt = 0; ; attempt++) {
    const jobs = await stack.zeebe.activateJobs({
      type: incidentModel.job,
      worker: 'access-fixtures',
      timeout: 30_000,
      maxJobsToActivate: 10,
      requestTimeout: 1000,
    });
    for (const job of jobs)
      await stack.zeebe.failJob({
        jobKey: job.key,
        errorMessage: `core banking answered 503 for ${textOf(job.variables.loanId)}, applicant 33010619900101123X, tel 13812348000`,
        retries: 0,
        retryBackOff: 0,
      });
    if (jobs.some((job) => job.processInstanceKey === incident.processInstanceKey)) break;
    if (attempt > 50) throw new Error('the incident job never came');
  }
  const incidents = await eventually(
    async () =>
      (
        (
          await staff.get(
            'admin',
            `/api/monitor/incidents?process=${incidentModel.process}&pageSize=100`,
          )
        ).body as { items: { incidentKey: string; processInstanceKey: string }[] }
      ).items,
    (items) => items.some((i) => i.processInstanceKey === incident.processInstanceKey),
  );
  // The origination instance is projected with its loan's branch before the specs read it.
  await eventually(
    async () =>
      (
        (await staff.get('admin', `/api/monitor/instances?businessKey=${applied.loanId}`)).body as {
          items: unknown[];
        }
      ).items,
    (items) => items.length >= 2,
  );
  return {
    loanId: applied.loanId,
    processInstanceKey: applied.processInstanceKey,
    openTaskId: review.id,
    doneTaskId: (investigation.body as { id: string }).id,
    incidentKey: incidents.find((i) => i.processInstanceKey === incident.processInstanceKey)!
      .incidentKey,
  };
}

/** A route's path with its parameters filled from one loan's objects. */
export function pathWith(
  method: string,
  routePath: string,
  loan: LoanObjects,
  definitionKey: string,
): string {
  return routePath
    .replace(
      /^\/api\/tasks\/:id/,
      `/api/tasks/${method === 'GET' ? loan.openTaskId : loan.doneTaskId}`,
    )
    .replace(':id', loan.loanId)
    .replace(/instances\/:key/, `instances/${loan.processInstanceKey}`)
    .replace(/incidents\/:key/, `incidents/${loan.incidentKey}`)
    .replace(':definitionKey', definitionKey)
    .replace(':releaseId', '0')
    .replace(':refundId', '0')
    .replace(':repaymentId', '0')
    .replace(':absenceId', '0')
    .replace(':handoverId', '0')
    .replace(':documentId', '0')
    .replace(':complaintId', '0')
    .replace(':reportId', '0')
    .replace(':entryId', '0')
    .replace(':lendingId', '0')
    .replace(':valuableId', '0')
    .replace(':decisionId', 'approval-authority')
    .replace(':version', '1')
    .replace(':batchId', '0')
    .replace(':modificationId', '0')
    .replace(':username', 'nobody.probe');
}
