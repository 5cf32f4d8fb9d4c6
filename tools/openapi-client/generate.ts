/**
 * Writes the web client's API types (web/src/api/schema.d.ts) from the OpenAPI document of the app the server runs.
 * `--check` writes nothing and exits 1 when the committed file is not what the document gives (CI runs it).
 *
 *   npm run generate:api-client            regenerate after changing a route's schemas
 *   npm run generate:api-client -- --check
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildAppForInspection } from '../../test/support/built-app.ts';

export const GENERATED_FILE = fileURLToPath(new URL('../../web/src/api/schema.d.ts', import.meta.url));

const HEADER = `/**
 * Generated from the OpenAPI document by tools/openapi-client/generate.ts (npm run generate:api-client).
 * Do not edit by hand: change the route's schemas and regenerate.
 */
`;

/** The types the OpenAPI document of the current routes gives. */
export async function generateClientTypes(): Promise<string> {
  const { app, close } = await buildAppForInspection();
  try {
    const document = app.swagger() as unknown as Parameters<typeof openapiTS>[0];
    const ast = await openapiTS(document, { alphabetize: true, exportType: true });
    return HEADER + astToString(ast);
  } finally {
    await close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const generated = await generateClientTypes();
  if (process.argv.includes('--check')) {
    const committed = await readFile(GENERATED_FILE, 'utf8').catch(() => '');
    if (committed !== generated) {
      process.stderr.write(`${GENERATED_FILE} is stale: run npm run generate:api-client and commit the result\n`);
      process.exit(1);
    }
    process.stdout.write('web/src/api/schema.d.ts matches the OpenAPI document\n');
  } else {
    await writeFile(GENERATED_FILE, generated);
    process.stdout.write(`wrote ${GENERATED_FILE}\n`);
  }
}
