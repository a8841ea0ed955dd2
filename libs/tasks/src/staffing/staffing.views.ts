import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The tasks an absence moved when it began. */
export class AbsenceMovesView {
  @ApiProperty({ type: [String], description: 'task ids handed to the deputy' }) moved!: string[];
  @ApiProperty({ type: [String], description: 'task ids put back in the pool' })
  released!: string[];
}

export class DeclareAbsenceRequest {
  @ApiPropertyOptional({
    description: 'who is away; omitted: the caller (managers may declare for their staff)',
    example: 'li.cm',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  username?: string;

  @ApiProperty({ example: 'zhou.cm', description: 'who takes their work meanwhile' })
  @IsString()
  @Length(1, 64)
  deputy!: string;

  @ApiProperty({ example: '2026-12-07', description: 'first day away (Beijing date)' })
  @Matches(DAY, { message: 'startsOn must be a date such as 2026-12-07' })
  startsOn!: string;

  @ApiProperty({ example: '2026-12-11', description: 'last day away, included' })
  @Matches(DAY, { message: 'endsOn must be a date such as 2026-12-11' })
  endsOn!: string;

  @ApiProperty({ example: 'annual leave' })
  @IsString()
  @Length(2, 255)
  reason!: string;
}

export class AbsenceView {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() deputy!: string;
  @ApiProperty() startsOn!: string;
  @ApiProperty() endsOn!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() declaredBy!: string;
  @ApiProperty() declaredAt!: string;
  @ApiProperty({ enum: ['planned', 'active', 'over', 'cancelled'] }) state!: string;
  @ApiProperty({
    type: AbsenceMovesView,
    required: false,
    description: 'tasks moved at its start: to the deputy, or to the pool',
  })
  moves?: AbsenceMovesView;
}

export class BulkAssignRequest {
  @ApiProperty({ type: [String], description: 'the tasks, 1 to 200' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  taskIds!: string[];

  @ApiProperty({
    nullable: true,
    description: 'the colleague to give them to; null: back to their groups’ pool',
    example: 'wang.reviewer',
  })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 64)
  assignee!: string | null;
}

export class BulkAssignResult {
  @ApiProperty() taskId!: string;
  @ApiProperty({ enum: ['ok', 'refused'] }) outcome!: 'ok' | 'refused';
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() message?: string;
}

export class BulkAssignResponse {
  @ApiProperty() done!: number;
  @ApiProperty() refused!: number;
  @ApiProperty({ type: [BulkAssignResult] })
  @Type(() => BulkAssignResult)
  results!: BulkAssignResult[];
}

export class HandoverRequest {
  @ApiProperty({ example: 'li.cm', description: 'who leaves the post' })
  @IsString()
  @Length(1, 64)
  from!: string;

  @ApiProperty({ example: 'zhou.cm', description: 'the successor' })
  @IsString()
  @Length(1, 64)
  to!: string;

  @ApiProperty({ example: 'transferred to the Ningbo branch' })
  @IsString()
  @Length(2, 500)
  reason!: string;
}

export class HandoverItemView {
  @ApiProperty({ enum: ['loan', 'task'] }) kind!: 'loan' | 'task';
  @ApiProperty({ type: String, nullable: true }) loanId!: string | null;
  @ApiProperty({ type: String, nullable: true }) taskId!: string | null;
  @ApiProperty({ enum: ['moved', 'released', 'kept'] }) outcome!: string;
  @ApiProperty({ type: String, nullable: true }) detail!: string | null;
}

export class HandoverView {
  @ApiProperty() id!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() orgUnitCode!: string;
  @ApiProperty() handedBy!: string;
  @ApiProperty() handedAt!: string;
  @ApiProperty({ type: [HandoverItemView] }) items!: HandoverItemView[];
}
