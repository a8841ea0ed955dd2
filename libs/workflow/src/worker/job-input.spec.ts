import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { checkJobInput, declaredVariables } from './job-input';

class Address {
  @IsString() city!: string;
}

class ApplicantInput {
  @IsString() name!: string;
  @IsInt() @Min(18) age!: number;
  @IsOptional() @IsString() note?: string;
  @ValidateNested() @Type(() => Address) address!: Address;
}

describe('declaredVariables', () => {
  it('lists the properties the DTO validates: the variables to fetch', () => {
    expect(declaredVariables(ApplicantInput).sort()).toEqual(['address', 'age', 'name', 'note']);
  });
});

describe('checkJobInput', () => {
  it('returns a typed instance for valid variables', () => {
    const check = checkJobInput(ApplicantInput, {
      name: 'Li Wei',
      age: 30,
      address: { city: 'Hangzhou' },
    });
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.value).toBeInstanceOf(ApplicantInput);
      expect(check.value.address).toBeInstanceOf(Address);
    }
  });

  it('names every bad field, nested ones with their path', () => {
    const check = checkJobInput(ApplicantInput, { name: 7, age: 16, address: { city: 3 } });
    expect(check).toEqual({
      ok: false,
      problems: [
        'name must be a string',
        'age must not be less than 18',
        'address.city must be a string',
      ],
    });
  });

  it('names a missing variable', () => {
    const check = checkJobInput(ApplicantInput, { name: 'Li Wei', address: { city: 'Hangzhou' } });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems).toContain('age must be an integer number');
  });

  it('accepts anything when the worker declares no input', () => {
    expect(checkJobInput(undefined, { whatever: 1 })).toEqual({ ok: true, value: {} });
  });
});
