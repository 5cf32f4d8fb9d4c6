import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import { badRequest } from '../platform/errors.ts';

/**
 * The edge's rules for what a request may carry, applied before any schema or module sees it:
 * - text is well-formed Unicode without NUL (PostgreSQL refuses both, and no person types them): 400 INVALID_TEXT;
 * - a query string's value becomes a number or boolean only where the route's schema asks for one, and only when it
 *   is written as one (`12`, `0.5`, `true`), never `Infinity`, `1e3`, `0x10` or `` (empty); JSON bodies are never
 *   converted (ajv runs with `coerceTypes: false`);
 * - ids are canonical: an id (`Uuid` in schemas.ts) is 8-4-4-4-12 hex digits, in any case, and reaches the module
 *   in lower case (the ajv keyword below); ajv-formats' `uuid` alone would also take `urn:uuid:…`, which PostgreSQL
 *   does not.
 */

const CANONICAL_UUID_KEYWORD = 'x-canonical-uuid';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER_TEXT = /^-?(0|[1-9]\d{0,15})$/;
const NUMBER_TEXT = /^-?(0|[1-9]\d{0,15})(\.\d{1,16})?$/;

/** Text a person could have typed: well-formed UTF-16 (no lone surrogate) and no NUL. */
export function isCleanText(text: string): boolean {
  return !text.includes('\0') && text.isWellFormed();
}

export function invalidText(where: string) {
  return badRequest(
    'INVALID_TEXT',
    `${where} holds a NUL character or a lone surrogate (broken Unicode); send well-formed text.`,
  );
}

/** Throws INVALID_TEXT for the first string (value or key) in `value` that is not clean; walks without recursion. */
export function requireCleanText(value: unknown, where: string): void {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (!isCleanText(item)) throw invalidText(where);
    } else if (Array.isArray(item)) {
      for (const element of item) pending.push(element);
    } else if (item !== null && typeof item === 'object' && !Buffer.isBuffer(item)) {
      for (const [key, element] of Object.entries(item)) {
        if (!isCleanText(key)) throw invalidText(where);
        pending.push(element);
      }
    }
  }
}

/** Fastify's private ajv instance, as its `ajv.plugins` receive it. */
type Ajv = Parameters<
  Extract<NonNullable<NonNullable<FastifyServerOptions['ajv']>['plugins']>[number], (...args: never[]) => unknown>
>[0];

/** Ajv additions, passed to Fastify as `ajv.plugins`: the keyword that checks an id and writes it in lower case. */
export function canonicalIds(ajv: Ajv): Ajv {
  ajv.addKeyword({
    keyword: CANONICAL_UUID_KEYWORD,
    type: 'string',
    modifying: true,
    schemaType: 'boolean',
    validate: (
      enabled: boolean,
      data: string,
      _schema: unknown,
      context?: { parentData: Record<string | number, unknown>; parentDataProperty: string | number },
    ) => {
      if (!enabled) return true;
      if (!UUID.test(data)) return false;
      if (context) context.parentData[context.parentDataProperty] = data.toLowerCase();
      return true;
    },
  });
  return ajv;
}

export const canonicalUuid = { [CANONICAL_UUID_KEYWORD]: true } as const;

interface QuerySchema {
  properties?: Record<string, { type?: string; anyOf?: Array<{ type?: string }> }>;
}

/** The scalar type a query property's schema asks for, when it is a number, an integer or a boolean. */
function scalarType(schema: { type?: string; anyOf?: Array<{ type?: string }> }): string | null {
  const types = schema.anyOf ? schema.anyOf.map((branch) => branch.type) : [schema.type];
  for (const type of ['integer', 'number', 'boolean']) if (types.includes(type)) return type;
  return null;
}

function convertQueryValue(type: string, text: string): unknown {
  if (type === 'integer' && INTEGER_TEXT.test(text)) return Number(text);
  if (type === 'number' && NUMBER_TEXT.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function convertQuery(request: FastifyRequest): void {
  const schema = request.routeOptions.schema?.querystring as QuerySchema | undefined;
  const query = request.query as Record<string, unknown> | undefined;
  if (!schema?.properties || !query) return;
  for (const [name, property] of Object.entries(schema.properties)) {
    const value = query[name];
    const type = scalarType(property);
    if (type && typeof value === 'string') query[name] = convertQueryValue(type, value);
  }
}

/** A query string whose escapes are not UTF-8 (`%ED%A0%80` is a lone surrogate, `%FF` no character) is not text. */
function requireDecodableQuery(url: string): void {
  const start = url.indexOf('?');
  if (start < 0) return;
  for (const piece of url.slice(start + 1).split(/[&=]/)) {
    try {
      decodeURIComponent(piece);
    } catch {
      throw invalidText('The query string');
    }
  }
}

/** One hook for every route, before validation: clean text in params, query and body; typed query values. */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    requireCleanText(request.params, 'The address');
    requireDecodableQuery(request.raw.url ?? '');
    requireCleanText(request.query, 'The query string');
    requireCleanText(request.body, 'The request body');
    convertQuery(request);
  });
}
