import { contentTypeOf, uploadProblems } from './documents';
import { textContaining } from '@loanflow/test-support/expected-text';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const PDF = new TextEncoder().encode('%PDF-1.7\n');

describe('documents accepted by their bytes', () => {
  it('recognises JPEG, PNG and PDF by their magic numbers', () => {
    expect(contentTypeOf(PNG)).toBe('image/png');
    expect(contentTypeOf(JPEG)).toBe('image/jpeg');
    expect(contentTypeOf(PDF)).toBe('application/pdf');
  });

  it('refuses anything else, whatever it is called', () => {
    expect(contentTypeOf(new TextEncoder().encode('MZ\x90\x00 an executable'))).toBeNull();
    expect(contentTypeOf(new TextEncoder().encode('<svg xmlns="…">'))).toBeNull();
    expect(contentTypeOf(Uint8Array.from([0x89, 0x50]))).toBeNull();
    expect(
      uploadProblems({
        kind: 'visit-photo',
        bytes: new TextEncoder().encode('GIF89a'),
        fileName: 'photo.jpg',
      }),
    ).toEqual([
      {
        field: 'file',
        reason: 'the file is not a JPEG, PNG or PDF by its content, whatever its name',
        rule: 'isDocumentType',
      },
    ]);
  });

  it('names every problem: an unknown kind and a missing file together', () => {
    expect(uploadProblems({ kind: 'selfie', bytes: null, fileName: null })).toEqual([
      {
        field: 'kind',
        reason: textContaining('kind must be one of id-card'),
        rule: 'isDocumentKind',
      },
      { field: 'file', reason: 'a file is required', rule: 'isNotEmpty' },
    ]);
    expect(uploadProblems({ kind: 'contract', bytes: PDF, fileName: 'c.pdf' })).toEqual([]);
  });
});
