import { IsString } from 'class-validator';

/** A portfolio-wide step: no loan, only the engine's time. */
export class ServicingStepless {
  @IsString() asOf!: string;
}
