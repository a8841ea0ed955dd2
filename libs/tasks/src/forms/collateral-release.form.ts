import { Equals, IsString, Length, Matches } from 'class-validator';
import type { FormDefinition } from './form-definition';
import { JSONSchema } from 'class-validator-jsonschema';
import { DATE_HELP, formLabels } from './form-labels';

/** 解除抵押: the settled loan's mortgage or pledge released at the registry. */
@JSONSchema(
  formLabels<CollateralRelease>({
    released: [
      { title: '已在登记机关办理注销登记' },
      { title: 'Registration cancelled at the registry' },
    ],
    releasedOn: [
      { title: '解除日期', help: DATE_HELP.zh },
      { title: 'Released on', help: DATE_HELP.en },
    ],
    registryOffice: [{ title: '登记机关' }, { title: 'Registry office' }],
  }),
)
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
