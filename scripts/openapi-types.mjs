// Reads an OpenAPI document on stdin and prints its TypeScript types (openapi-typescript).
// A separate Node process: openapi-typescript loads ES modules that jest's module system cannot.
import openapiTS, { astToString } from 'openapi-typescript';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
process.stdout.write(
  astToString(
    await openapiTS(JSON.parse(input), {
      alphabetize: true,
      emptyObjectsUnknown: true,
      enumValues: true,
    }),
  ),
);
