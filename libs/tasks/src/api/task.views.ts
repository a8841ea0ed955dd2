import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiLooseObject } from '@loanflow/observability';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class TaskQuery {
  @ApiPropertyOptional({
    enum: ['open', 'completed'],
    description: 'open: what you may work on; completed: what you completed',
  })
  @IsOptional()
  @IsIn(['open', 'completed'])
  state: 'open' | 'completed' = 'open';

  @ApiPropertyOptional({ description: 'form key, e.g. loanflow:review-opinion' })
  @IsOptional()
  @IsString()
  type?: string;

  @ApiPropertyOptional({ description: 'business key of the loan' })
  @IsOptional()
  @IsString()
  loan?: string;

  @ApiPropertyOptional({
    description:
      'only tasks of loans whose borrower has this name (or part of it) or this full ID number (found through its blind index)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  borrower?: string;

  @ApiPropertyOptional({ description: 'only tasks due before this ISO date-time' })
  @IsOptional()
  @IsDateString()
  dueBefore?: string;

  @ApiPropertyOptional({ enum: ['due', '-due', 'created', '-created'] })
  @IsOptional()
  @IsIn(['due', '-due', 'created', '-created'])
  sort: 'due' | '-due' | 'created' | '-created' = 'due';

  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 25,
    description:
      'when the list is empty, wait up to this many seconds for a task to arrive before answering (answered as soon as one does)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(25)
  waitSeconds?: number;
}

/** What a worker needs to pick a task from the list: no ID numbers. */
export class LoanHeadline {
  @ApiProperty() applicantName!: string;
  @ApiProperty({ example: 'consumer' }) product!: string;
  @ApiProperty({ example: '200000.00' }) amount!: string;
  @ApiProperty() termMonths!: number;
  @ApiProperty({ type: String, nullable: true }) riskGrade!: string | null;
  @ApiProperty({ example: 'BR-HZ' }) branchCode!: string;
}

export class TaskView {
  @ApiProperty() id!: string;
  @ApiProperty() type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() titleZh!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ type: String, nullable: true }) businessKey!: string | null;
  @ApiProperty() processInstanceKey!: string;
  @ApiProperty() bpmnProcessId!: string;
  @ApiProperty() elementId!: string;
  @ApiProperty({ type: [String] }) candidateGroups!: string[];
  @ApiProperty({ type: [String] }) candidateUsers!: string[];
  @ApiProperty({ type: String, nullable: true }) assignee!: string | null;
  @ApiProperty({ type: String, nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) followUpAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) completedBy!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'When the work is due: the task’s own due time, or for an origination task without one the loan’s 3-working-day decision notice deadline',
  })
  deadlineAt!: string | null;
  @ApiProperty({ enum: ['task', 'notice'], nullable: true })
  deadlineKind!: 'task' | 'notice' | null;
  @ApiProperty({
    type: LoanHeadline,
    nullable: true,
    description:
      'what a worker needs to pick from the list: applicant, product, amount, term, grade, branch (no ID numbers)',
  })
  loanHeadline!: LoanHeadline | null;
}

export class TaskPage {
  @ApiProperty({ type: [TaskView] }) items!: TaskView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'how many tasks match; at most 10,000 (see totalCapped)' })
  total!: number;
  @ApiPropertyOptional({
    description: 'true when more tasks match than total says: the inbox shows "10,000+"',
  })
  totalCapped?: boolean;
}

/** The form a task is answered with. */
export class TaskFormView {
  @ApiProperty({ example: 'loanflow:review-opinion' }) key!: string;
  @ApiLooseObject({ description: 'JSON Schema of the form to fill in' }) schema!: object;
}

export class TaskDetail extends TaskView {
  @ApiProperty({ type: TaskFormView }) form!: TaskFormView;
  @ApiLooseObject({ nullable: true, description: 'the loan summary the task needs' })
  loan!: Record<string, unknown> | null;
  @ApiLooseObject({
    nullable: true,
    description: 'what the task is about beyond the loan: its form’s context variables',
  })
  context!: Record<string, unknown> | null;
}

export class DelegateRequest {
  @ApiProperty({ example: 'wang.reviewer' })
  @IsString()
  @Length(1, 64)
  username!: string;
}

export class CompleteRequest {
  @ApiProperty({ description: 'the form answer; validated against the task type’s form' })
  @IsObject()
  answer!: Record<string, unknown>;
}
