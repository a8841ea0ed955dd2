/** The job type Zeebe 8.5 gives every job-based user task. */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

const PREFIX = 'io.camunda.zeebe:';

/** What a user task's custom headers say about who may do it, when, and with which form. */
export interface UserTaskAssignment {
  formKey: string | null;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueAt: Date | null;
  followUpAt: Date | null;
}

export class UserTaskHeaderError extends Error {}

/**
 * Reads the headers the engine writes from the model's assignment (FEEL already evaluated):
 * candidate lists arrive as JSON array literals, dates as ISO 8601 date-times.
 */
export function parseUserTaskHeaders(
  headers: Readonly<Record<string, unknown>>,
): UserTaskAssignment {
  return {
    formKey: text(headers[`${PREFIX}formKey`]),
    assignee: text(headers[`${PREFIX}assignee`]),
    candidateGroups: list(headers[`${PREFIX}candidateGroups`], 'candidateGroups'),
    candidateUsers: list(headers[`${PREFIX}candidateUsers`], 'candidateUsers'),
    dueAt: date(headers[`${PREFIX}dueDate`], 'dueDate'),
    followUpAt: date(headers[`${PREFIX}followUpDate`], 'followUpDate'),
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

function list(value: unknown, name: string): string[] {
  const raw = text(value);
  if (raw === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // A single unquoted name, as a modeller may type it.
    return raw
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
  }
  if (!Array.isArray(parsed) || parsed.some((entry) => typeof entry !== 'string')) {
    throw new UserTaskHeaderError(`${name} must be a list of names, got ${raw}`);
  }
  return parsed.map((entry: string) => entry.trim()).filter(Boolean);
}

function date(value: unknown, name: string): Date | null {
  const raw = text(value);
  if (raw === null) return null;
  const parsed = new Date(raw);
  if (Number.isNaN(parsed.getTime()))
    throw new UserTaskHeaderError(`${name} must be an ISO 8601 date-time, got ${raw}`);
  return parsed;
}

/** The inbox's join keys for a task's audience: g:role, g:role:ORG, u:username. */
export function candidateKeys(
  assignment: Pick<UserTaskAssignment, 'candidateGroups' | 'candidateUsers'>,
): string[] {
  return [
    ...new Set([
      ...assignment.candidateGroups.map((group) => `g:${group}`),
      ...assignment.candidateUsers.map((user) => `u:${user}`),
    ]),
  ];
}
