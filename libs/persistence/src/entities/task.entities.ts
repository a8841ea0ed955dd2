import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';

export type TaskState = 'open' | 'completed' | 'cancelled';

/** A task's candidate groups and users, kept as JSON lists of names in two text columns. */
export interface TaskCandidates {
  candidateGroups: string[];
  candidateUsers: string[];
}

/** Reads the two candidate columns; a column that is not a list of names is a corrupt row. */
export function candidatesOf(
  task: Pick<UserTaskEntity, 'id' | 'candidateGroups' | 'candidateUsers'>,
): TaskCandidates {
  return {
    candidateGroups: nameList(task.candidateGroups, 'candidate_groups', task.id),
    candidateUsers: nameList(task.candidateUsers, 'candidate_users', task.id),
  };
}

function nameList(json: string, column: string, taskId: string): string[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed) || !parsed.every((name): name is string => typeof name === 'string'))
    throw new Error(`user_task ${taskId}: ${column} is not a JSON list of names`);
  return parsed;
}

/** A human task: one io.camunda.zeebe:userTask job, kept by its job key. */
@Entity({ name: 'user_task' })
@Index('ix_user_task_state_due', ['state', 'dueAt'])
@Index('ix_user_task_assignee', ['assignee', 'state'])
@Index('ix_user_task_assignee_due', ['assignee', 'state', 'dueAt'])
@Index('ix_user_task_assignee_branch', ['assignee', 'state', 'branchCode'])
@Index('ix_user_task_business_key', ['businessKey'])
@Index('ix_user_task_element', ['elementInstanceKey'])
@Index('ix_user_task_element_instance', ['elementInstanceKey'])
export class UserTaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 20, name: 'process_instance_key' })
  processInstanceKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'bpmn_process_id' })
  bpmnProcessId!: string;

  @Column({ type: 'int', name: 'process_version' })
  processVersion!: number;

  @Column({ type: 'varchar', length: 100, name: 'element_id' })
  elementId!: string;

  @Column({ type: 'varchar', length: 20, name: 'element_instance_key' })
  elementInstanceKey!: string;

  /** The form key the model gives the task (e.g. loanflow:review-opinion): it names the task type. */
  @Column({ type: 'varchar', length: 100, name: 'form_key' })
  formKey!: string;

  @Column({ type: 'varchar', length: 64, name: 'business_key', nullable: true })
  businessKey!: string | null;

  /** The branch of the task's loan (from the loan register): whose org subtree sees it. */
  @Column({ type: 'varchar', length: 32, name: 'branch_code', nullable: true })
  branchCode!: string | null;

  @Column({ type: 'text', name: 'candidate_groups' })
  candidateGroups!: string;

  @Column({ type: 'text', name: 'candidate_users' })
  candidateUsers!: string;

  @Column({ type: 'varchar', length: 64, name: 'assignee', nullable: true })
  assignee!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'due_at', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, name: 'follow_up_at', nullable: true })
  followUpAt!: Date | null;

  /** When the broker gives the job back if not renewed (broker clock). */
  @Column({ type: 'datetime', precision: 3, name: 'job_deadline', nullable: true })
  jobDeadline!: Date | null;

  @Column({ type: 'varchar', length: 16, name: 'state' })
  state!: TaskState;

  @Column({ type: 'text', name: 'loan_summary', nullable: true })
  loanSummary!: string | null;

  /** What this task is about beyond the loan (its form's context variables), JSON. */
  @Column({ type: 'text', name: 'context_json', nullable: true })
  contextJson!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'completed_by', nullable: true })
  completedBy!: string | null;

  @Column({ type: 'datetime', precision: 3, name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'varchar', length: 255, name: 'end_reason', nullable: true })
  endReason!: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'created_at' })
  createdAt!: Date;

  @VersionColumn({ name: 'version' })
  version!: number;
}

/**
 * One row per candidate key (g:role, g:role:ORG, u:NAME) of an open, unassigned task. It carries the
 * task's form key, due date and age so an inbox page is read and sorted from this index alone.
 */
@Entity({ name: 'user_task_candidate' })
@Index('ix_user_task_candidate_inbox', ['groupKey', 'dueAt', 'createdAt', 'taskId', 'branchCode'])
@Index('ix_user_task_candidate_due', [
  'dueAt',
  'createdAt',
  'taskId',
  'groupKey',
  'branchCode',
  'formKey',
])
@Index('ix_user_task_candidate_created', [
  'createdAt',
  'taskId',
  'groupKey',
  'branchCode',
  'formKey',
  'dueAt',
])
export class UserTaskCandidateEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'task_id' })
  taskId!: string;

  @PrimaryColumn({ type: 'varchar', length: 100, name: 'group_key' })
  groupKey!: string;

  @Column({ type: 'varchar', length: 100, name: 'form_key' })
  formKey!: string;

  @Column({ type: 'datetime', precision: 3, name: 'due_at', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, name: 'created_at' })
  createdAt!: Date;

  /** The task's loan's branch: a reader outside its org subtree never sees the row. */
  @Column({ type: 'varchar', length: 32, name: 'branch_code', nullable: true })
  branchCode!: string | null;
}

/** Who did which duty on which loan: the record separation of duties is checked against. */
@Entity({ name: 'loan_duty' })
@Index('ix_loan_duty_business_key', ['businessKey'])
export class LoanDutyEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 64, name: 'business_key' })
  businessKey!: string;

  @Column({ type: 'varchar', length: 32, name: 'duty' })
  duty!: string;

  @Column({ type: 'varchar', length: 64, name: 'username' })
  username!: string;

  @Column({ type: 'varchar', length: 20, name: 'task_id' })
  taskId!: string;

  /** The request the duty was done in (a restructuring, an inspection's proposal), when it has one. */
  @Column({ type: 'varchar', length: 64, name: 'ref', nullable: true })
  ref!: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3, name: 'at' })
  at!: Date;
}
