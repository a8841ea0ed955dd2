import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
} from 'class-validator';

class Paging {
  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 200 })
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
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  hasIncident?: boolean;
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
