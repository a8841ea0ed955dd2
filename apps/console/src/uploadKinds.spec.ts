import document from '../../../libs/api-client/openapi.json';
import { en } from './locales/en';
import { zh } from './locales/zh';
import { UPLOAD_KINDS } from './uploadKinds';

/** The kinds the API document lists for an upload to a loan's or a task's documents. */
const kindsTaken = (path: '/api/loans/{id}/documents' | '/api/tasks/{id}/documents') =>
  document.paths[path].post.requestBody.content['multipart/form-data'].schema.properties.kind.enum;

describe('the kinds of paper the documents panel offers', () => {
  it('are every kind the API takes for a loan or a task, once each', () => {
    expect(new Set(UPLOAD_KINDS).size).toBe(UPLOAD_KINDS.length);
    expect([...UPLOAD_KINDS].sort()).toEqual([...kindsTaken('/api/loans/{id}/documents')].sort());
    expect([...UPLOAD_KINDS].sort()).toEqual([...kindsTaken('/api/tasks/{id}/documents')].sort());
  });

  it('each have a label in Chinese and in English', () => {
    const unlabelled = UPLOAD_KINDS.filter(
      (kind) =>
        !(zh.documents as Record<string, unknown>)[kind] ||
        !(en.documents as Record<string, unknown>)[kind],
    );
    expect(unlabelled).toEqual([]);
  });
});
