import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHostileWorld, type HostileWorld } from '../support/hostile-world.ts';
import { startTestLooply, type TestLooply } from '../support/looply.ts';

/**
 * Walks the OpenAPI document of a running Looply and, for every operation, as a visitor and signed in, sends
 * requests generated from its schemas (fast-check, seeded) and mutated ones: wrong types, NUL, lone surrogates,
 * Infinity and numbers out of range, garbage cursors, ids in other spellings, missing and extra fields, broken JSON
 * and multipart. It fails on any 5xx, and on a 2xx for a request the schema (or the edge's text and cursor rules)
 * refuses. Path parameters name real objects, so requests reach the modules.
 *
 * FUZZ_RUNS (default 16): requests per operation and per caller; FUZZ_SEED (default 20261210) picks them.
 * Every case found here is kept as a row of test/api/hostile-input.test.ts.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 16);
const SEED = Number(process.env.FUZZ_SEED ?? 20261210);

// biome-ignore lint/suspicious/noExplicitAny: JSON schemas as the OpenAPI document holds them
type Schema = Record<string, any>;

interface Operation {
  method: string;
  path: string;
  params: Array<{ name: string; in: 'path' | 'query'; required: boolean; schema: Schema }>;
  body: Schema | null;
  bodyRequired: boolean;
}

interface FuzzCase {
  /** What was done to the request, for the report. */
  label: string;
  /** Whether the schema (or the edge's rules) refuses it: then a 2xx is a failure too. */
  invalid: boolean;
  pathParams: Record<string, string>;
  query: Record<string, string>;
  /** Raw request body and its content type; undefined sends none. */
  body?: string;
  contentType?: string;
}

type Fixtures = HostileWorld;

const NUL = '\0';
const LONE_SURROGATES = ['\ud800', '\udfff', '\ud83d'];
/** A lone surrogate as a URL carries it: the UTF-8 of a surrogate code point is not valid UTF-8. */
const URL_SURROGATE = '%ED%A0%80';
/** Stands for a number JSON.stringify cannot write (1e400 reads as Infinity); replaced in the JSON text. */
const RAW_NUMBER = (text: string) => `\u0001raw:${text}\u0001`;
const GARBAGE_CURSOR_VALUES: unknown[] = [1, null, true, [], {}, '', 'Infinity', 'NaN', '1e999', NUL, '\ud800'];
const CURSOR_FIELDS = ['at', 'id', 'seq', 's', 'k', 'l', 'o'];
const MULTIPART_OPERATIONS = new Set(['POST /v1/videos', 'PUT /v1/users/me/avatar']);

const base64url = (text: string) => Buffer.from(text).toString('base64url');

function operationsOf(doc: Schema): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const [method, operation] of Object.entries(methods)) {
      const json = operation.requestBody?.content?.['application/json']?.schema ?? null;
      operations.push({
        method: method.toUpperCase(),
        path,
        params: (operation.parameters ?? []).filter((p: Schema) => p.in === 'path' || p.in === 'query'),
        body: json,
        bodyRequired: operation.requestBody?.required === true,
      });
    }
  }
  // Deletions last, so the objects they may remove serve every other operation first.
  return operations.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
}

/** The real object a path parameter names, when there is one. */
function realIdFor(operation: Operation, name: string, w: Fixtures): string[] {
  if (name === 'username') return ['bea', 'cal'];
  if (name === 'name') return ['fuzz', '#Fuzz'];
  if (operation.path.startsWith('/v1/videos/')) return [w.video];
  if (operation.path.startsWith('/v1/comments/')) return [w.comment];
  if (operation.path.startsWith('/v1/conversations/')) return [w.conversation];
  if (operation.path.startsWith('/v1/uploads/')) return [w.upload];
  return [];
}

function typesOf(schema: Schema): string[] {
  if (schema.anyOf) return schema.anyOf.flatMap(typesOf);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return schema.nullable ? [...types, 'null'] : types;
}

/** Values the schema accepts (uuid strings taken from real objects half the time). */
function validValue(schema: Schema, ids: string[]): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((branch: Schema) => validValue(branch, ids)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const nullable = (arbitrary: fc.Arbitrary<unknown>) =>
    schema.nullable ? fc.oneof(arbitrary, fc.constant(null)) : arbitrary;
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'uuid')
        return nullable(ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid());
      if (schema.pattern) return nullable(fc.stringMatching(new RegExp(schema.pattern)));
      const maxLength = Math.min(schema.maxLength ?? 40, 40);
      const minLength = Math.min(schema.minLength ?? 0, maxLength);
      return nullable(
        fc.oneof(
          fc.string({ minLength, maxLength }),
          fc.string({ unit: 'grapheme', minLength, maxLength: Math.max(minLength, Math.floor(maxLength / 2)) }),
        ),
      );
    }
    case 'integer':
      return nullable(fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 }));
    case 'number':
      return nullable(
        fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true }),
      );
    case 'boolean':
      return nullable(fc.boolean());
    case 'array':
      return nullable(
        fc.array(validValue(schema.items ?? {}, ids), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 3, 3),
        }),
      );
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) record[key] = validValue(property, ids);
      return nullable(fc.record(record, { requiredKeys: (schema.required ?? []) as string[] }));
    }
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
  }
}

/** A value of a JSON type the schema does not allow. */
function wrongType(schema: Schema): fc.Arbitrary<unknown> {
  const allowed = typesOf(schema);
  const others: unknown[] = [
    ['string', 'x7'],
    ['string', 'true'],
    ['string', '12'],
    ['integer', 12],
    ['number', 2.5],
    ['boolean', true],
    ['array', ['x']],
    ['object', { x: 1 }],
    ['null', null],
  ]
    .filter(([type]) => {
      if (allowed.length === 0) return false;
      if (type === 'integer') return !allowed.includes('integer') && !allowed.includes('number');
      if (type === 'number') return !allowed.includes('number');
      return !allowed.includes(type as string);
    })
    .map(([, value]) => value);
  return others.length > 0 ? fc.constantFrom(...others) : fc.constant(undefined);
}

/** Numbers the schema refuses: not finite, not whole where it counts, or outside its bounds. */
function badNumber(schema: Schema): string[] {
  const bad = ['1e400', '-1e400'];
  if (schema.type === 'integer') bad.push('2.5');
  if (schema.maximum !== undefined) bad.push(String(schema.maximum + 1), '1e30');
  if (schema.minimum !== undefined) bad.push(String(schema.minimum - 1), '-1e30');
  return bad;
}

/** Every string location in a JSON value, as paths of keys. */
function stringPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  }
  return [];
}

function setAt(value: unknown, path: Array<string | number>, replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(value);
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = setAt(copy[head], rest, replace);
  return copy;
}

function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001raw:([^"\\]*)\\u0001"/g, '$1');
}

// Not empty: an empty cursor is the first page, like none (http/cursor.ts).
const garbageCursor: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ minLength: 1, maxLength: 40 }).map(base64url),
  fc
    .record(Object.fromEntries(CURSOR_FIELDS.map((field) => [field, fc.constantFrom(...GARBAGE_CURSOR_VALUES)])))
    .map((position) => base64url(JSON.stringify(position))),
  fc.constantFrom('W10', base64url('null'), base64url('"x"'), base64url('{"at":1e999}')),
);

const plausibleCursor: fc.Arbitrary<string> = fc
  .oneof(
    fc.record({ at: fc.constant('2026-01-01 00:00:00.123456+00'), id: fc.uuid() }),
    fc.record({ seq: fc.bigInt({ min: 1n, max: 10n ** 17n }).map(String) }),
    fc.record({ s: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), k: fc.uuid() }),
    fc.record({ s: fc.integer({ min: 0, max: 40 }).map(String), k: fc.uuid() }),
    fc.record({ l: fc.uuid(), o: fc.nat(100).map(String) }),
  )
  .map((position) => base64url(JSON.stringify(position)));

function caseArbitrary(operation: Operation, w: Fixtures): fc.Arbitrary<FuzzCase> {
  const ids = [w.video, w.comment, w.conversation, w.message, w.bea.user.id, w.cal.user.id];
  const pathParams = operation.params.filter((p) => p.in === 'path');
  const queryParams = operation.params.filter((p) => p.in === 'query');

  const validPath = fc.record(
    Object.fromEntries(
      pathParams.map((p) => {
        const real = realIdFor(operation, p.name, w);
        const generated = validValue(p.schema, []) as fc.Arbitrary<string>;
        return [
          p.name,
          real.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 4 }, generated) : generated,
        ];
      }),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const validQuery = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [
        p.name,
        p.name === 'cursor' ? plausibleCursor : validValue(p.schema, ids).map((value) => String(value)),
      ]),
    ),
    { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) },
  ) as fc.Arbitrary<Record<string, string>>;
  const validBody: fc.Arbitrary<unknown> = operation.body ? validValue(operation.body, ids) : fc.constant(undefined);

  const base = fc.record({ pathParams: validPath, query: validQuery, body: validBody });
  const asCase = (
    label: string,
    invalid: boolean,
    parts: { pathParams: Record<string, string>; query: Record<string, string>; body: unknown },
  ): FuzzCase => ({
    label,
    invalid,
    pathParams: parts.pathParams,
    query: parts.query,
    ...(parts.body !== undefined ? { body: jsonText(parts.body), contentType: 'application/json' } : {}),
  });

  const mutations: Array<fc.Arbitrary<FuzzCase>> = [base.map((parts) => asCase('valid', false, parts))];

  for (const p of pathParams) {
    const spoilers: Array<[string, (id: string) => string]> = [
      ['NUL', (v) => `${v}%00`],
      ['lone surrogate', (v) => `${v}${URL_SURROGATE}`],
    ];
    if (p.schema.format === 'uuid') {
      spoilers.push(
        ['urn:uuid: id', (v) => `urn:uuid:${v}`],
        ['braced id', (v) => `%7B${v}%7D`],
        ['id without hyphens', (v) => v.replaceAll('-', '')],
        ['id with a letter too many', (v) => `${v}a`],
      );
      mutations.push(
        base.map((parts) =>
          asCase(`upper-case ${p.name}`, false, {
            ...parts,
            pathParams: { ...parts.pathParams, [p.name]: (parts.pathParams[p.name] ?? '').toUpperCase() },
          }),
        ),
      );
    } else if (p.schema.maxLength !== undefined) {
      spoilers.push(['too long', (v) => `${v}${'x'.repeat(p.schema.maxLength + 1)}`]);
    }
    for (const [label, spoil] of spoilers) {
      mutations.push(
        base.map((parts) =>
          asCase(`${label} in path ${p.name}`, true, {
            ...parts,
            pathParams: { ...parts.pathParams, [p.name]: spoil(encodeURIComponent(parts.pathParams[p.name] ?? '')) },
          }),
        ),
      );
    }
  }

  for (const p of queryParams) {
    const types = typesOf(p.schema);
    const bad: fc.Arbitrary<string>[] = [
      fc.constantFrom(`a${NUL}`, NUL, `${NUL}x`),
      fc.constant(`x${LONE_SURROGATES[0]}`),
    ];
    if (types.includes('integer') || types.includes('number')) {
      bad.push(
        fc.constantFrom(
          'Infinity',
          '-Infinity',
          'NaN',
          '',
          ' 5',
          '1e3',
          '0x10',
          '2.5',
          '99999999999999999999',
          ...badNumber(p.schema),
        ),
      );
    }
    if (p.schema.anyOf || p.schema.enum) bad.push(fc.constantFrom('bogus', '', 'ALL'));
    if (p.name === 'cursor') bad.push(garbageCursor);
    if (p.schema.maxLength !== undefined) bad.push(fc.constant('y'.repeat(p.schema.maxLength + 1)));
    mutations.push(
      fc
        .tuple(base, fc.oneof(...bad))
        .map(([parts, value]) =>
          asCase(`bad query ${p.name}`, true, { ...parts, query: { ...parts.query, [p.name]: value } }),
        ),
    );
  }

  if (operation.body) {
    const schema = operation.body;
    const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
    mutations.push(
      fc.tuple(base, fc.nat(), fc.constantFrom(NUL, ...LONE_SURROGATES)).map(([parts, pick, bad]) => {
        const paths = stringPaths(parts.body);
        if (paths.length === 0)
          return asCase('body with a NUL key', true, { ...parts, body: { ...(parts.body as object), [`k${NUL}`]: 1 } });
        const path = paths[pick % paths.length] as Array<string | number>;
        const label = bad === NUL ? 'NUL' : 'lone surrogate';
        return asCase(`${label} in body ${path.join('.')}`, true, {
          ...parts,
          body: setAt(parts.body, path, (old) => `${String(old).slice(0, 3)}${bad}${String(old).slice(3)}`),
        });
      }),
      base.map((parts) => asCase('body of the wrong type', true, { ...parts, body: ['not', 'an', 'object'] })),
      fc.tuple(base, fc.constantFrom('{', '{"a":', '[1,', 'nul', '{"x":1}}', '\u00ff')).map(([parts, text]) => ({
        ...asCase('malformed JSON', true, { ...parts, body: undefined }),
        body: text,
        contentType: 'application/json',
      })),
    );
    if (schema.additionalProperties === false) {
      mutations.push(
        base.map((parts) =>
          asCase('an unknown field', true, { ...parts, body: { ...(parts.body as object), zz_unknown: 1 } }),
        ),
      );
    }
    for (const name of (schema.required ?? []) as string[]) {
      if (schema.properties?.[name]?.default !== undefined) continue;
      mutations.push(
        base.map((parts) => {
          const { [name]: _missing, ...rest } = parts.body as Record<string, unknown>;
          return asCase(`missing ${name}`, true, { ...parts, body: rest });
        }),
      );
    }
    for (const [name, property] of properties) {
      mutations.push(
        fc
          .tuple(base, wrongType(property))
          .filter(([, value]) => value !== undefined)
          .map(([parts, value]) =>
            asCase(`wrong type for ${name}`, true, { ...parts, body: { ...(parts.body as object), [name]: value } }),
          ),
      );
      const types = typesOf(property);
      if (types.includes('integer') || types.includes('number')) {
        mutations.push(
          fc.tuple(base, fc.constantFrom(...badNumber(property))).map(([parts, text]) =>
            asCase(`${text} for ${name}`, true, {
              ...parts,
              body: { ...(parts.body as object), [name]: RAW_NUMBER(text) },
            }),
          ),
        );
      }
      if (property.format === 'uuid') {
        mutations.push(
          fc.tuple(base, fc.constantFrom(...ids)).map(([parts, id]) =>
            asCase(`upper-case ${name}`, false, {
              ...parts,
              body: { ...(parts.body as object), [name]: id.toUpperCase() },
            }),
          ),
          fc.tuple(base, fc.constantFrom(...ids)).map(([parts, id]) =>
            asCase(`urn:uuid: ${name}`, true, {
              ...parts,
              body: { ...(parts.body as object), [name]: `urn:uuid:${id}` },
            }),
          ),
        );
      }
      if (property.maxLength !== undefined && property.maxLength <= 10_000) {
        mutations.push(
          base.map((parts) =>
            asCase(`too long ${name}`, true, {
              ...parts,
              body: { ...(parts.body as object), [name]: 'z'.repeat(property.maxLength + 1) },
            }),
          ),
        );
      }
    }
  }

  if (MULTIPART_OPERATIONS.has(`${operation.method} ${operation.path}`)) {
    const part = (name: string, file: string, bytes: string) =>
      `--XyZ\r\nContent-Disposition: form-data; name="${name}"; filename="${file}"\r\nContent-Type: application/octet-stream\r\n\r\n${bytes}`;
    mutations.push(
      fc
        .tuple(
          base,
          fc.constantFrom(
            ['multipart/form-data', 'x'],
            ['multipart/form-data; boundary=', 'x'],
            [`multipart/form-data; boundary=${'b'.repeat(300)}`, 'x'],
            ['multipart/form-data; boundary=XyZ', part('video', 'a.mp4', 'abc')],
            ['multipart/form-data; boundary=XyZ', part('avatar', 'a.png', 'abc')],
            ['multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data; name="caption"\r\n\r\nhi'],
            [
              'multipart/form-data; boundary=XyZ',
              `--XyZ\r\nContent-Disposition: form-data; name="caption"\r\n\r\n${NUL}\r\n--XyZ--\r\n`,
            ],
            ['multipart/form-data; boundary=XyZ', '--XyZ--\r\n'],
          ),
        )
        .map(([parts, [contentType, text]]) => ({
          ...asCase(`multipart ${contentType.slice(0, 40)} ${JSON.stringify(text.slice(-20))}`, true, {
            ...parts,
            body: undefined,
          }),
          body: text,
          contentType,
        })),
    );
  }

  return fc.oneof(...mutations);
}

function urlOf(operation: Operation, fuzz: FuzzCase): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = fuzz.pathParams[name] ?? '';
    // Spoilt values are already encoded; real and generated ones are not.
    return fuzz.label.includes(`path ${name}`) ? value : encodeURIComponent(value);
  });
  const query = Object.entries(fuzz.query)
    .map(([name, value]) => {
      if (!value.isWellFormed())
        return `${name}=${encodeURIComponent(value.toWellFormed()).replace('%EF%BF%BD', URL_SURROGATE)}`;
      return `${name}=${encodeURIComponent(value)}`;
    })
    .join('&');
  return query ? `${path}?${query}` : path;
}

interface Finding {
  caller: string;
  request: string;
  label: string;
  status: number;
  answer: string;
}

describe('OpenAPI fuzz', () => {
  let looply: TestLooply;
  let w: Fixtures;
  let operations: Operation[];
  let sent = 0;

  beforeAll(async () => {
    looply = await startTestLooply({ MIN_VIDEO_SECONDS: '1' });
    w = await buildHostileWorld(looply);
    const doc = (await looply.api('/docs/json')).body;
    operations = operationsOf(doc);
  });
  afterAll(async () => {
    await looply?.stop();
  });

  it('answers no request with a 5xx, and no invalid request with a 2xx', { timeout: 600_000 }, async () => {
    const findings: Finding[] = [];
    const started = performance.now();
    for (const [index, operation] of operations.entries()) {
      for (const caller of ['visitor', 'bea'] as const) {
        const cases = fc.sample(caseArbitrary(operation, w), {
          seed: SEED + index * 2 + Number(caller === 'bea'),
          numRuns: RUNS,
        });
        for (const fuzz of cases) {
          const url = urlOf(operation, fuzz);
          const headers: Record<string, string> = {};
          if (fuzz.contentType) headers['content-type'] = fuzz.contentType;
          if (caller === 'bea') headers.authorization = `Bearer ${w.bea.access_token}`;
          const response = await fetch(`${looply.url}${url}`, {
            method: operation.method,
            headers,
            body: fuzz.body ?? null,
            signal: AbortSignal.timeout(20_000),
          });
          const answer = operation.method === 'HEAD' ? '' : await response.text();
          sent += 1;
          const status = response.status;
          if (status >= 500 || (fuzz.invalid && status >= 200 && status < 300)) {
            findings.push({
              caller,
              request: `${operation.method} ${url}${fuzz.body !== undefined ? ` ${fuzz.contentType} ${JSON.stringify(fuzz.body.slice(0, 200))}` : ''}`,
              label: fuzz.label,
              status,
              answer: answer.slice(0, 200),
            });
          }
        }
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz: ${sent} requests to ${operations.length} operations in ${seconds} s, ${findings.length} findings`,
    );
    expect(findings).toEqual([]);
  });
});
