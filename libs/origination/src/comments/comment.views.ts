import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { COMMENT_MAX_LENGTH, MAX_MENTIONS } from '@loanflow/domain';

export class CommentRequest {
  @ApiProperty({ description: 'the comment; `@user.name` mentions a colleague', maxLength: 2000 })
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(COMMENT_MAX_LENGTH)
  text!: string;

  @ApiPropertyOptional({ type: [String], description: 'colleagues to tell, by user name' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MENTIONS)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  mentions?: string[];
}

export class CommentView {
  @ApiProperty() id!: string;
  @ApiProperty() loanId!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the task it was written on; null: on the loan',
  })
  taskId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the form key of that task' })
  taskType!: string | null;
  @ApiProperty() author!: string;
  @ApiProperty() at!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: [String] }) mentions!: string[];
}

export class MentionView extends CommentView {}
