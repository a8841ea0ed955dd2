import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Length } from 'class-validator';
import { AuditTrail } from '@loanflow/audit';
import { DomainError, groupProblemsByField, messageOf } from '@loanflow/domain';
import { auditActorOf, Principal } from '@loanflow/identity';
import { maskIdentifiers } from '@loanflow/loans';
import { shippedCatalogue } from '@loanflow/models';
import { checkJobInput, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { MonitorReads } from './monitor-reads';
import type { IncidentFixedView } from './monitor.views';

export class FixIncidentRequest {
  @ApiProperty({
    description: 'the process variables to set, by name: only inputs of the failed job’s worker',
    example: { branchCode: 'SB-HZ-XH' },
  })
  @IsObject()
  variables!: Record<string, unknown>;

  @ApiProperty({ example: 'branch code mistyped at intake' })
  @IsString()
  @Length(5, 500)
  reason!: string;
}

/**
 * Fixes the variables a failed job read, then retries it, in one act: the new values must be inputs
 * the job's worker declares and, merged with the instance's other variables, pass the worker's own
 * input rules (the bounds the API applies stay the worker's). Old and new values go to the audit
 * trail, identifiers masked.
 */
@Injectable()
export class IncidentFix {
  constructor(
    private readonly reads: MonitorReads,
    private readonly audit: AuditTrail,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async fix(
    principal: Principal,
    incidentKey: string,
    request: FixIncidentRequest,
  ): Promise<IncidentFixedView> {
    const incident = await this.reads.incident(incidentKey);
    if (!incident)
      throw new DomainError('INCIDENT_NOT_FOUND', `No incident ${incidentKey} is known.`);
    const instance = await this.reads.instance(incident.processInstanceKey);
    const act = {
      actor: auditActorOf(principal),
      action: 'incident.fix',
      loanKey: instance?.businessKey ?? null,
    };
    const refuse = async (error: DomainError): Promise<never> => {
      await this.audit.record({
        ...act,
        outcome: 'refused',
        reason: `${error.code}: ${error.message}`,
      });
      throw error;
    };
    if (incident.state !== 'open')
      return refuse(
        new DomainError('INCIDENT_RESOLVED', `Incident ${incidentKey} is already resolved.`),
      );
    const { jobKey } = incident;
    const jobType = jobKey ? await this.reads.jobType(jobKey) : null;
    const contract = jobType ? shippedCatalogue().workers.get(jobType) : undefined;
    if (!jobKey || !jobType || !contract?.input)
      return refuse(
        new DomainError(
          'INCIDENT_NOT_FIXABLE',
          `Incident ${incidentKey} is not a failed job of a shipped worker: fix the model or retry it.`,
        ),
      );
    const names = Object.keys(request.variables);
    const declared = new Set(contract.inputs.map((input) => input.name));
    const problems = names
      .filter((name) => !declared.has(name))
      .map((name) => ({
        field: `variables.${name}`,
        reason: `is not an input of ${jobType} (${[...declared].join(', ')})`,
      }));
    if (names.length === 0) problems.push({ field: 'variables', reason: 'names no variable' });
    const current = await this.reads.variables(incident.processInstanceKey);
    if (problems.length === 0) {
      const check = checkJobInput(contract.input, { ...current, ...request.variables });
      if (!check.ok)
        problems.push(
          ...check.problems.map((reason) => ({
            field: `variables.${names.find((name) => reason.startsWith(name)) ?? names[0]}`,
            reason,
          })),
        );
    }
    if (problems.length)
      return refuse(
        new DomainError('VALIDATION_FAILED', `The values do not pass ${jobType}'s input rules.`, {
          fieldErrors: groupProblemsByField(problems),
        }),
      );
    try {
      await this.zeebe.setVariables({
        elementInstanceKey: incident.processInstanceKey,
        variables: request.variables as never,
        local: false,
      });
      await this.zeebe.updateJobRetries({ jobKey, retries: 1 });
      await this.zeebe.resolveIncident({ incidentKey });
    } catch (error) {
      const message = messageOf(error);
      if (/NOT_FOUND/.test(message))
        return refuse(
          new DomainError('INCIDENT_RESOLVED', `The engine no longer has incident ${incidentKey}.`),
        );
      throw new DomainError('BROKER_UNAVAILABLE', `The engine did not take the fix: ${message}`);
    }
    const changes = Object.fromEntries(
      names.map((name) => [
        name,
        maskIdentifiers({ from: current[name] ?? null, to: request.variables[name] }),
      ]),
    );
    await this.audit.record({
      ...act,
      outcome: 'ok',
      inputs: changes,
      reason: `incident ${incidentKey} at ${incident.bpmnProcessId}/${incident.elementId}: ${names.join(', ')} set and ${jobType} retried: ${request.reason}`,
    });
    return { incidentKey, resolved: true, changed: changes };
  }
}
