import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { THRESHOLD_FIGURES, ThresholdFigure } from '@loanflow/domain';

export class ThresholdFigureParam {
  @ApiProperty({ enum: THRESHOLD_FIGURES })
  @IsIn([...THRESHOLD_FIGURES], {
    message: `figure must be one of ${THRESHOLD_FIGURES.join(', ')}`,
  })
  figure!: ThresholdFigure;
}

export class SetThresholdRequest {
  @ApiProperty({
    example: '0.0500',
    description: 'the level as a ratio from 0 to 1, at most four places',
  })
  @IsString()
  @Matches(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, {
    message:
      'value must be a ratio from 0 to 1 with at most four decimal places, e.g. 0.0500 for 5%',
  })
  value!: string;

  @ApiProperty({ example: '2026 年度风险偏好：逾期率警戒线 5%' })
  @IsString()
  @Length(5, 500, { message: 'reason must say why in 5 to 500 characters' })
  reason!: string;
}

export class ThresholdView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: THRESHOLD_FIGURES }) figure!: ThresholdFigure;
  @ApiProperty({ example: '逾期率' }) name!: string;
  @ApiProperty({ enum: ['above', 'below'] }) direction!: 'above' | 'below';
  @ApiProperty() value!: string;
  @ApiProperty() setBy!: string;
  @ApiProperty() setAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true, type: String }) supersededAt!: string | null;
}

export class CurrentThresholdView {
  @ApiProperty({ enum: THRESHOLD_FIGURES }) figure!: ThresholdFigure;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['above', 'below'] }) direction!: 'above' | 'below';
  @ApiProperty({ nullable: true, type: String }) value!: string | null;
  @ApiProperty({ nullable: true, type: String }) setBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) setAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
}

export class ThresholdsView {
  @ApiProperty({ type: [CurrentThresholdView] }) current!: CurrentThresholdView[];
  @ApiProperty({ type: [ThresholdView], description: 'every change, newest first (up to 100)' })
  history!: ThresholdView[];
}

export class CrossingView {
  @ApiProperty() id!: string;
  @ApiProperty() orgUnitCode!: string;
  @ApiProperty({ enum: THRESHOLD_FIGURES }) figure!: string;
  @ApiProperty() value!: string;
  @ApiProperty() thresholdValue!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty({ enum: ['open', 'cleared'] }) state!: string;
  @ApiProperty({ type: [String] }) loans!: string[];
  @ApiProperty() crossedAt!: string;
  @ApiProperty({ nullable: true, type: String }) clearedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredBy!: string | null;
}

export class EvaluationView {
  @ApiProperty() asOf!: string;
  @ApiProperty({ description: 'units judged' }) units!: number;
  @ApiProperty({ type: [String], description: 'crossings opened (a task each)' }) opened!: string[];
  @ApiProperty({ type: [String], description: 'crossings still open (no new task)' })
  stillOpen!: string[];
  @ApiProperty({ type: [String], description: 'crossings cleared' }) cleared!: string[];
}
