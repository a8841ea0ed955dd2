import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsObject,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

/** The filter's text as an object; anything else stays as it came so that validation names it. */
function parseVariableFilter(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

@ValidatorConstraint({ name: 'variableFilter' })
class VariableFilterRule implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
    const names = Object.keys(value);
    return (
      names.length >= 1 &&
      names.length <= 5 &&
      names.every((name) => /^[A-Za-z_]\w{0,99}$/.test(name)) &&
      Object.values(value).every((v) => JSON.stringify(v).length <= 400)
    );
  }

  defaultMessage(): string {
    return 'variables must name 1 to 5 variables, each value at most 400 characters as JSON';
  }
}

export class Paging {
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
}

export class InstanceQuery extends Paging {
  @ApiPropertyOptional({ description: 'BPMN process id, e.g. loan-origination' })
  @IsOptional()
  @IsString()
  process?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ enum: ['active', 'completed', 'terminated'] })
  @IsOptional()
  @IsIn(['active', 'completed', 'terminated'])
  state?: 'active' | 'completed' | 'terminated';

  @ApiPropertyOptional({
    description: 'an element id where a token is now, e.g. ReviewApplication',
  })
  @IsOptional()
  @IsString()
  activeElement?: string;

  @ApiPropertyOptional({ description: 'the loan id' })
  @IsOptional()
  @IsString()
  businessKey?: string;

  @ApiPropertyOptional({ description: 'started at or after, ISO date-time' })
  @IsOptional()
  @IsDateString()
  startedFrom?: string;

  @ApiPropertyOptional({ description: 'started before, ISO date-time' })
  @IsOptional()
  @IsDateString()
  startedTo?: string;

  @ApiPropertyOptional({
    description: 'only instances with (true) or without (false) an open incident',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => queryFlag(value))
  @IsBoolean()
  hasIncident?: boolean;

  @ApiPropertyOptional({ description: 'with an open incident whose message contains this text' })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  errorMessage?: string;

  @ApiPropertyOptional({
    description: 'with a job that failed and still has retries left (failing, not yet an incident)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => queryFlag(value))
  @IsBoolean()
  retriesLeft?: boolean;

  @ApiPropertyOptional({
    description:
      'variables the instance holds, as a JSON object of name: value (up to 5; all must match), e.g. {"approvalLevel":"center"}',
    type: String,
  })
  @IsOptional()
  @Transform(({ value }) => parseVariableFilter(value))
  @IsObject({ message: 'variables must be a JSON object of name: value' })
  @Validate(VariableFilterRule)
  variables?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'whose open task the instance waits on (user name)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  assignee?: string;

  @ApiPropertyOptional({
    description: 'a candidate group of the open task it waits on: a role (approver) or role:unit',
  })
  @IsOptional()
  @Matches(/^[a-z-]{2,40}(:[A-Z0-9-]{2,32})?$/, {
    message: 'candidateGroup must be a role or role:UNIT, e.g. approver:BR-HZ',
  })
  candidateGroup?: string;

  @ApiPropertyOptional({ description: 'waiting in its current step for at least this many days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  daysInStepMin?: number;
}

export class IncidentQuery extends Paging {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  state: 'open' | 'resolved' = 'open';

  @ApiPropertyOptional({ description: 'BPMN process id' })
  @IsOptional()
  @IsString()
  process?: string;

  @ApiPropertyOptional({ description: 'whose message contains this text' })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  errorMessage?: string;
}

export class ResolveIncidentRequest {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10,
    description: 'for a job that ran out of retries: the retries it gets again (default 3)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  retries?: number;
}

/** A query's "true" or "false" as a flag; anything else is left for @IsBoolean to refuse. */
function queryFlag(value: unknown): unknown {
  return value === 'true' ? true : value === 'false' ? false : value;
}
