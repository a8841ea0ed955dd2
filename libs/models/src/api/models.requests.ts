import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { bpmnElementIdPattern } from '@loanflow/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class ModelFileRequest {
  @ApiProperty({ example: 'loan-origination.bpmn' })
  @Matches(/^[\w.-]{1,200}\.(bpmn|dmn)$/, {
    message: 'name must be a file name ending in .bpmn or .dmn',
  })
  name!: string;

  @ApiProperty({ description: 'The XML of the model' })
  @IsString()
  @MaxLength(5_000_000, { message: 'content may be at most 5 MB' })
  content!: string;
}

export class ModelFilesRequest {
  @ApiProperty({ type: [ModelFileRequest] })
  @IsArray()
  @ArrayMinSize(1, { message: 'files must hold at least one model' })
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ModelFileRequest)
  files!: ModelFileRequest[];
}

const ELEMENT_ID = bpmnElementIdPattern(255);

export class ElementMappingRequest {
  @ApiProperty()
  @IsString()
  @Matches(ELEMENT_ID, { message: 'sourceElementId must be a BPMN element id' })
  sourceElementId!: string;

  @ApiProperty()
  @IsString()
  @Matches(ELEMENT_ID, { message: 'targetElementId must be a BPMN element id' })
  targetElementId!: string;
}

export class MigrationRequestBody {
  @ApiProperty()
  @Matches(/^\d{1,20}$/, { message: 'sourceProcessDefinitionKey must be a process definition key' })
  sourceProcessDefinitionKey!: string;

  @ApiProperty()
  @Matches(/^\d{1,20}$/, { message: 'targetProcessDefinitionKey must be a process definition key' })
  targetProcessDefinitionKey!: string;

  @ApiPropertyOptional({ type: [ElementMappingRequest] })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ElementMappingRequest)
  mappings?: ElementMappingRequest[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @Matches(/^\d{1,20}$/, {
    each: true,
    message: 'processInstanceKeys must be process instance keys',
  })
  processInstanceKeys?: string[];

  @ApiProperty({ description: 'true: report what would move and why not, change nothing' })
  @IsBoolean()
  dryRun!: boolean;
}

export class ReleaseRequest extends ModelFilesRequest {
  @ApiPropertyOptional({ example: 'adds the 3-day reminder before each installment' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class ReleaseDecisionRequest {
  @ApiPropertyOptional({ example: 'checked the diagram against the change request CR-118' })
  @IsOptional()
  @IsString()
  @Length(5, 1000, { message: 'reason must say in 5 to 1000 characters why' })
  reason?: string;
}

export class ReleaseRejectionRequest {
  @ApiProperty({ example: 'the reminder must not be sent on public holidays' })
  @IsString()
  @Length(5, 1000, { message: 'reason must say in 5 to 1000 characters why' })
  reason!: string;
}

export class ReleaseListQuery {
  @ApiPropertyOptional({ enum: ['pending', 'deploying', 'deployed', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'deploying', 'deployed', 'rejected'])
  state?: 'pending' | 'deploying' | 'deployed' | 'rejected';
}
