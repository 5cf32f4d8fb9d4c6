import { type Static, type TSchema, Type } from 'typebox';
import { Compile } from 'typebox/compile';

/** A typed domain event; `version` is the schema version of `data` for its `type`. */
export interface DomainEvent<T = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  data: T;
}

/**
 * One event a module publishes: its type name, the version of its payload and the payload's schema. The producing
 * module declares it once in its `events.ts`; consumers import it to subscribe (`def.type`) and to read payloads
 * (`readEvent`), so nobody keeps a second copy of names or readers.
 *
 * Versions: a payload may only change additively (a new optional field, or a new field consumers ignore), and the
 * version goes up with each change. Schemas allow additional properties, so a consumer that knows an older version
 * still accepts a newer payload as long as it passes the schema it knows; a change that would fail older schemas is
 * a new event type, not a new version.
 */
export interface EventDefinition<S extends TSchema = TSchema, T extends string = string> {
  readonly type: T;
  readonly version: number;
  readonly schema: S;
  /** The payload problems, first one first; empty when it conforms. */
  problems(data: unknown): PayloadProblem[];
  conforms(data: unknown): data is Static<S>;
}

/** The payload type of a definition: `EventData<typeof VideoEvents.ready>`. */
export type EventData<D extends EventDefinition> = Static<D['schema']>;

export interface PayloadProblem {
  /** JSON pointer into the payload (`/video_id`), empty for the payload itself. */
  path: string;
  message: string;
}

export function defineEvent<const T extends string, S extends TSchema>(
  type: T,
  schema: S,
  version = 1,
): EventDefinition<S, T> {
  const validator = Compile(schema);
  return {
    type,
    version,
    schema,
    problems: (data) =>
      validator.Check(data)
        ? []
        : [...validator.Errors(data)].map((error) => ({ path: error.instancePath, message: error.message })),
    conforms: (data): data is Static<S> => validator.Check(data),
  };
}

/** Throws naming the event type and the first failing path: publishing a malformed event is a programming error. */
export function assertPayload<S extends TSchema>(
  definition: EventDefinition<S>,
  data: unknown,
): asserts data is Static<S> {
  const [problem] = definition.problems(data);
  if (problem) {
    throw new Error(`malformed ${definition.type} event: ${problem.path || 'payload'} ${problem.message}`);
  }
}

/**
 * The payload of an event of this definition, or null when the event is of another type or its payload fails the
 * schema (a consumer skips it). Accepts any version: see the rule above.
 */
export function readEvent<S extends TSchema>(definition: EventDefinition<S>, event: DomainEvent): Static<S> | null {
  if (event.type !== definition.type) return null;
  return definition.conforms(event.data) ? event.data : null;
}

/** An id in a payload: every id our modules publish is a uuid (lower case, as PostgreSQL prints it). */
export const EventId = Type.String({ format: 'uuid' });

/** A time in a payload: ISO 8601, as `Date.toISOString()` writes it. */
export const EventTime = Type.String({ format: 'date-time' });
