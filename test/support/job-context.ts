import type { JobContext } from '@loanflow/workflow';

/**
 * The context the worker framework hands a handler, for calling a handler directly in a unit spec:
 * a job of `type` for `businessKey`, its first attempt, logging nowhere.
 */
export function jobContext(over: Partial<JobContext> & Pick<JobContext, 'type'>): JobContext {
  const quiet = () => undefined;
  return {
    jobKey: '2251799813700001',
    processInstanceKey: '2251799813690001',
    bpmnProcessId: 'loan-servicing',
    processDefinitionVersion: 1,
    elementId: over.type,
    elementInstanceKey: '2251799813690042',
    retries: 3,
    businessKey: undefined,
    headers: {},
    logger: { info: quiet, warn: quiet, error: quiet },
    ...over,
  };
}
