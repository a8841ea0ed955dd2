import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { ModificationInstruction } from '@loanflow/domain';
import { bpmnElementIdPattern, MAX_MODIFICATION_INSTRUCTIONS } from '@loanflow/domain';

const ELEMENT_ID = bpmnElementIdPattern(100);

export class ModificationInstructionDto {
  @ApiProperty({ enum: ['move', 'activate', 'cancel'] })
  @IsIn(['move', 'activate', 'cancel'])
  kind!: 'move' | 'activate' | 'cancel';

  @ApiPropertyOptional({ description: 'move: the element whose tokens are cancelled' })
  @ValidateIf((o: ModificationInstructionDto) => o.kind === 'move')
  @Matches(ELEMENT_ID, { message: 'fromElementId must be an element id of the model' })
  fromElementId?: string;

  @ApiPropertyOptional({ description: 'move: the element activated instead' })
  @ValidateIf((o: ModificationInstructionDto) => o.kind === 'move')
  @Matches(ELEMENT_ID, { message: 'toElementId must be an element id of the model' })
  toElementId?: string;

  @ApiPropertyOptional({ description: 'activate: the element to start' })
  @ValidateIf((o: ModificationInstructionDto) => o.kind === 'activate')
  @Matches(ELEMENT_ID, { message: 'elementId must be an element id of the model' })
  elementId?: string;

  @ApiPropertyOptional({ description: 'cancel: the active element instance to end' })
  @ValidateIf((o: ModificationInstructionDto) => o.kind === 'cancel')
  @Matches(/^\d{1,20}$/, { message: 'elementInstanceKey must be an element instance key' })
  elementInstanceKey?: string;

  @ApiPropertyOptional({
    description: 'move or activate: variables to set with it (inputs of the model’s workers only)',
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

export class ModificationPreviewRequest {
  @ApiProperty({ type: [ModificationInstructionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MODIFICATION_INSTRUCTIONS)
  @IsObject({ each: true, message: 'each instruction must be an object with its kind' })
  @ValidateNested({ each: true })
  @Type(() => ModificationInstructionDto)
  instructions!: ModificationInstructionDto[];
}

export class ModificationRequest extends ModificationPreviewRequest {
  @ApiProperty({ example: 'the investigation must be redone: the income proof was forged' })
  @IsString()
  @Length(5, 500)
  reason!: string;
}

export class ModificationDecision {
  @ApiPropertyOptional({ example: 'checked with the branch' })
  @IsOptional()
  @IsString()
  @Length(2, 500)
  note?: string;
}

export class ModificationRefusal {
  @ApiProperty({ example: 'redo the review instead' })
  @IsString()
  @Length(2, 500)
  note!: string;
}

export class ModificationListQuery {
  @ApiPropertyOptional({ enum: ['pending', 'applied', 'refused', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'applied', 'refused', 'failed'])
  status?: 'pending' | 'applied' | 'refused' | 'failed';
}

/** The validated body as the domain's instructions. */
export function instructionsOf(dtos: ModificationInstructionDto[]): ModificationInstruction[] {
  return dtos.map((dto) => {
    switch (dto.kind) {
      case 'move':
        return {
          kind: 'move',
          fromElementId: dto.fromElementId!,
          toElementId: dto.toElementId!,
          ...(dto.variables ? { variables: dto.variables } : {}),
        };
      case 'activate':
        return {
          kind: 'activate',
          elementId: dto.elementId!,
          ...(dto.variables ? { variables: dto.variables } : {}),
        };
      case 'cancel':
        return { kind: 'cancel', elementInstanceKey: dto.elementInstanceKey! };
    }
  });
}
