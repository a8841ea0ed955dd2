import { Equals, IsString, Length, Matches } from 'class-validator';
import type { FormDefinition } from './form-definition';

/** 解除抵押: the settled loan's mortgage or pledge released at the registry. */
export class CollateralRelease {
  @Equals(true, { message: 'released must be true: the registration is cancelled at the registry' })
  released!: boolean;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'releasedOn must be a date such as 2027-01-15' })
  releasedOn!: string;

  @IsString() @Length(2, 100) registryOffice!: string;
}

export const COLLATERAL_RELEASE: FormDefinition<CollateralRelease> = {
  key: 'loanflow:collateral-release',
  title: 'Collateral release',
  titleZh: '解除抵押',
  duty: null,
  dto: CollateralRelease,
  outputs: ['collateralRelease'],
  toVariables: (answer, completedBy) => ({ collateralRelease: { ...answer, by: completedBy } }),
  summary: (answer) => `collateral released at ${answer.registryOffice} on ${answer.releasedOn}`,
};
