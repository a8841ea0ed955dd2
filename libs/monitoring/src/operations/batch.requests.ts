import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import type { BatchAction } from '@loanflow/persistence';
import { MAX_BATCH_ITEMS } from './batch-operations';

export class BatchRequest {
  @ApiProperty({ enum: ['retry', 'cancel', 'migrate'] })
  @IsIn(['retry', 'cancel', 'migrate'])
  action!: BatchAction;

  @ApiProperty({
    description:
      'retry: incident keys; cancel and migrate: process instance keys (as the monitor’s filtered lists give them)',
    type: [String],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ITEMS)
  @Matches(/^\d{1,20}$/, { each: true, message: 'each key must be an engine key (digits)' })
  keys!: string[];

  @ApiProperty({ example: 'the bureau was down from 9:00 to 9:40' })
  @IsString()
  @Length(5, 500)
  reason!: string;

  @ApiPropertyOptional({ description: 'migrate: the version to move the instances to' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'targetProcessDefinitionKey must be a process definition key' })
  targetProcessDefinitionKey?: string;
}
