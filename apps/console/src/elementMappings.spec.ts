import { parseElementMappings } from './elementMappings';

describe('the migration form’s element mappings', () => {
  it('reads old=new pairs, one a line or separated by commas, trimming spaces', () => {
    expect(parseElementMappings(' Approve = ApproveV2 \nSign=Sign, Pay =Disburse\n\n')).toEqual({
      mappings: [
        { sourceElementId: 'Approve', targetElementId: 'ApproveV2' },
        { sourceElementId: 'Sign', targetElementId: 'Sign' },
        { sourceElementId: 'Pay', targetElementId: 'Disburse' },
      ],
      malformed: [],
    });
  });

  it('names each line that is not two filled-in sides, as typed', () => {
    expect(parseElementMappings('Approve\nSign=\n=Pay\na=b=c\nOk=Ok').malformed).toEqual([
      'Approve',
      'Sign=',
      '=Pay',
      'a=b=c',
    ]);
  });

  it('reads nothing from an empty text (the broker maps by element id alone)', () => {
    expect(parseElementMappings('  \n ')).toEqual({ mappings: [], malformed: [] });
  });
});
