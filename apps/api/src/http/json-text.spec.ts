import { HttpException } from '@nestjs/common';
import { parse } from 'lossless-json';
import { scanJson } from './json-scan';
import { MAX_JSON_DEPTH, parseJsonText } from './json-text';

function refusalOf(text: string): { status: number; code: string; message: string } {
  try {
    parseJsonText(text);
  } catch (error) {
    const exception = error as HttpException;
    const body = exception.getResponse() as { code: string; message: string };
    return { status: exception.getStatus(), code: body.code, message: body.message };
  }
  throw new Error(`accepted: ${text.slice(0, 80)}`);
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('parseJsonText', () => {
  it.each([
    '{"title":"a","amount":"12345.67","termMonths":12,"rate":0.0435,"ok":true,"none":null}',
    '{"n":[0,-0,1e400,-1e400,1e-400,123456789012345678901234567890,9007199254740993,0.1,2.5E+3]}',
    '{"s":"\\u4e2d\\u6587 \\"q\\" \\\\ \\/ \\b\\f\\n\\r\\t","z":"中文","e":"😀","lone":"\\ud800"}',
    ' \n\t{ "a" : [ ] , "b" : { } , "c" : [ { } , [ ] ] } \r\n',
    '{"files":[{"name":"a.bpmn","content":"<?xml version=\\"1.0\\"?>\\n<definitions/>"}]}',
    '"text"',
    '42',
    'null',
    '[1,"a",{"b":false}]',
  ])('gives what JSON.parse gives for %s', (text) => {
    expect(parseJsonText(text)).toEqual(JSON.parse(text));
  });

  it('keeps -0 and rounds long numbers as JSON.parse does', () => {
    expect(Object.is(parseJsonText('-0'), -0)).toBe(true);
    expect(parseJsonText('9007199254740993')).toBe(JSON.parse('9007199254740993'));
  });

  it(`takes ${MAX_JSON_DEPTH} levels and refuses one more, objects and arrays alike`, () => {
    expect(parseJsonText(nested(MAX_JSON_DEPTH))).toBeDefined();
    expect(refusalOf(nested(MAX_JSON_DEPTH + 1))).toMatchObject({
      status: 400,
      code: 'JSON_TOO_DEEP',
    });
    const objects = '{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1);
    expect(refusalOf(objects).code).toBe('JSON_TOO_DEEP');
    expect(parseJsonText('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')).toEqual({
      a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
    });
  });

  it('refuses 10,000 levels by a scan that stops at level 33, in well under a millisecond each', () => {
    const deep = nested(10_000);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) expect(scanJson(deep, MAX_JSON_DEPTH)).toEqual({ tooDeepAt: 32 });
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(100);
    expect(refusalOf(deep).code).toBe('JSON_TOO_DEEP');
    expect(refusalOf('{"a":' + nested(10_000) + '}').code).toBe('JSON_TOO_DEEP');
  });

  it('scans a long body in linear time', () => {
    const body = JSON.stringify({
      files: [{ name: 'a.bpmn', content: 'x\\"<>'.repeat(1_000_000) }],
    });
    const started = process.hrtime.bigint();
    expect(scanJson(body, MAX_JSON_DEPTH)).toEqual({ keyProblem: undefined });
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
  });

  it.each([
    ['{"a":1,"a":2}', 'a'],
    ['{"a":1,"a":1}', 'a'],
    ['{"a":1,"\\u0061":1}', 'a'],
    ['{"x":{"y":[{"a":1,"b":2,"a":{}}]}}', 'a'],
    ['[{"k":1},{"k":2,"k":3}]', 'k'],
  ])('refuses the duplicate key in %s, naming it', (text, key) => {
    const refused = refusalOf(text);
    expect(refused).toMatchObject({ status: 400, code: 'DUPLICATE_KEY' });
    expect(refused.message).toContain(JSON.stringify(key));
  });

  it('takes the same key in different objects', () => {
    expect(parseJsonText('{"a":{"a":1},"b":[{"a":1},{"a":2}]}')).toEqual({
      a: { a: 1 },
      b: [{ a: 1 }, { a: 2 }],
    });
  });

  it.each([
    ['{"__proto__":{"admin":true}}', '__proto__'],
    ['{"a":{"constructor":{"prototype":{"admin":true}}}}', 'constructor'],
    ['{"a":[{"prototype":1}]}', 'prototype'],
    ['{"\\u005f_proto__":{}}', '__proto__'],
  ])('refuses the forbidden key in %s', (text, key) => {
    const refused = refusalOf(text);
    expect(refused).toMatchObject({ status: 400, code: 'FORBIDDEN_KEY' });
    expect(refused.message).toContain(JSON.stringify(key));
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('takes those words as values', () => {
    expect(parseJsonText('{"a":"__proto__","b":["constructor"]}')).toEqual({
      a: '__proto__',
      b: ['constructor'],
    });
  });

  it('relies on lossless-json defining __proto__ as an own property, never the prototype', () => {
    const value = parse('{"__proto__":{"polluted":true}}', null, { parseNumber: Number }) as object;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['{"title":', 9],
    ['{"a":1,}', 7],
    ["{'a':1}", 1],
    ['{"a":01}', 6],
    ['[1 2]', 3],
    ['', 0],
    ['{"a":1}x', 7],
    ['{"a":"\u0001"}', 6],
  ])('refuses malformed %j with the position', (text, position) => {
    const refused = refusalOf(text);
    expect(refused).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    expect(refused.message).toContain(`at position ${position}`);
  });

  it('keeps the message short when the parser quotes a long run of the body', () => {
    const refused = refusalOf(`{"a":${'1'.repeat(50_000)}.}`);
    expect(refused.code).toBe('MALFORMED_JSON');
    expect(refused.message.length).toBeLessThan(300);
  });
});
