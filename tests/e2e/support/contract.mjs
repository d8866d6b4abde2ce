// Checks real responses against api/openapi.yaml, so the contract cannot drift from the server.
// OpenAPI 3.1 schemas are JSON Schema 2020-12: Ajv validates them as they are.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import yaml from 'js-yaml';

const specPath = fileURLToPath(new URL('../../../api/openapi.yaml', import.meta.url));
const spec = yaml.load(readFileSync(specPath, 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(spec, 'openapi');

function pointer(parts) {
  return parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

function resolveResponse(response) {
  let r = response;
  while (r && r.$ref) {
    const name = r.$ref.replace('#/components/responses/', '');
    r = spec.components.responses[name];
  }
  return r;
}

/**
 * Asserts that `res` (from support/server.mjs request()) is a response the contract documents
 * for `method` on the path template `template` ("/api/v1/fasting/protocols/{id}"): the status is
 * listed (or covered by `default`), and a JSON body validates against its schema.
 * Throws an Error describing every mismatch.
 */
export function assertMatchesContract(method, template, res) {
  const operation = spec.paths?.[template]?.[method.toLowerCase()];
  if (!operation) {
    throw new Error(`contract: ${method} ${template} is not documented`);
  }
  const status = String(res.status);
  const key = operation.responses[status] ? status : 'default';
  const response = resolveResponse(operation.responses[key]);
  if (!response) {
    throw new Error(`contract: ${method} ${template} does not document status ${status}`);
  }
  const media = response.content?.['application/json'];
  if (!media || res.json === undefined) {
    return;
  }
  // Validate through a $ref into the whole document, so its internal $refs resolve.
  const ref = operation.responses[key].$ref
    ? `openapi#/${pointer(['components', 'responses', operation.responses[key].$ref
      .replace('#/components/responses/', ''), 'content', 'application/json', 'schema'])}`
    : `openapi#/${pointer(['paths', template, method.toLowerCase(), 'responses', key, 'content',
      'application/json', 'schema'])}`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (!validate(res.json)) {
    const errors = validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new Error(`contract: ${method} ${template} ${status} body does not match: ${errors}`);
  }
}
