import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { CLIENT_FILES, clientSources } from './client-sources';

/**
 * `npm run api:client`, from the repository's root: writes the OpenAPI document and the typed
 * client's types as the code describes the API.
 */
async function main(): Promise<void> {
  const sources = await clientSources(process.cwd());
  writeFileSync(CLIENT_FILES.document, sources.document);
  writeFileSync(CLIENT_FILES.schema, sources.schema);
  process.stdout.write(`wrote ${CLIENT_FILES.document} and ${CLIENT_FILES.schema}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
