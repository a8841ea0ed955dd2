import type { ModdleElement } from 'bpmn-moddle';
import type { Reporter, RuleDefinition } from 'bpmnlint';
import { is } from 'bpmnlint-utils';
import { describe, stringProperty } from './helpers';
import { isIsoDateTime, isIsoDuration } from './iso8601';

const TIMES = ['timeDuration', 'timeDate', 'timeCycle'] as const;
type Time = (typeof TIMES)[number];

const WHY =
  'Zeebe rejects the model, and the deadline the timer guards (such as the 3-working-day decision notice ' +
  "or a task's escalation) would never be enforced.";

/**
 * `loanflow/timer-definition`: every timer says when it fires. A timeDuration, timeDate or timeCycle
 * with a body; a FEEL expression (starting with '=') is taken as is, a literal duration must be ISO
 * 8601 (P30D, PT1H, P1Y2M) and a literal date an ISO 8601 date-time with its offset. Literal cycles
 * (R3/PT1H, cron) are left to camunda-compat/timer, which knows which forms Zeebe 8.5 takes.
 *
 * Reported on the timer's event (the element designers see), or on the definition if it has none.
 */
export function timerDefinition(): RuleDefinition {
  function check(definition: ModdleElement, reporter: Reporter): void {
    if (!is(definition, 'bpmn:TimerEventDefinition')) return;

    const event = definition.$parent?.id ? definition.$parent : definition;
    const present = TIMES.filter((time) => definition.get(time) !== undefined);

    if (present.length === 0) {
      reporter.report(
        event.id,
        `${describe(event)} has a timer with no time: give it a timeDuration (ISO 8601 such as P30D or PT1H), ` +
          `a timeDate or a timeCycle, or a FEEL expression such as =noticeDueAt. Without one ${WHY}`,
      );
      return;
    }

    for (const time of present) {
      const problem = problemOf(
        time,
        (stringProperty(definition.get(time) as ModdleElement, 'body') ?? '').trim(),
      );
      if (problem) reporter.report(event.id, `${describe(event)} ${problem} ${WHY}`);
    }
  }

  return { check };
}

function problemOf(time: Time, body: string): string | undefined {
  if (body === '' || body === '=') {
    return `has an empty ${time}: give it ${example(time)} or a FEEL expression starting with "=".`;
  }
  if (body.startsWith('=')) return undefined;
  if (time === 'timeDuration' && !isIsoDuration(body)) {
    return `has ${time} "${body}", which is not an ISO 8601 duration (such as P30D, PT1H or P1Y2M: P, then Y M W D, then T and H M S): use one or a FEEL expression starting with "=".`;
  }
  if (time === 'timeDate' && !isIsoDateTime(body)) {
    return `has ${time} "${body}", which is not an ISO 8601 date-time with an offset (such as 2026-03-31T00:00:00+08:00): use one or a FEEL expression starting with "=".`;
  }
  return undefined;
}

function example(time: Time): string {
  switch (time) {
    case 'timeDuration':
      return 'an ISO 8601 duration such as P30D or PT1H';
    case 'timeDate':
      return 'an ISO 8601 date-time such as 2026-03-31T00:00:00+08:00';
    case 'timeCycle':
      return 'a cycle such as R3/PT1H';
  }
}
