import { definitionOf } from '../../src/events.ts';
import type { InspectableEventStream } from '../../src/platform/stream/stream-common.ts';

/** An event a consumer received whose payload fails its definition (or whose type no module defines). */
export interface ContractViolation {
  group: string;
  eventId: string;
  type: string;
  problem: string;
}

/**
 * Checks every event delivered to a consumer against the definition of its type, recording what fails in
 * `violations` before handing the event on unchanged: producer and consumer drift shows up in the tests that run them.
 */
export function contractCheckedEvents(violations: ContractViolation[]) {
  return (stream: InspectableEventStream): InspectableEventStream => ({
    ...stream,
    subscribe: (group, types, handler, options) =>
      stream.subscribe(
        group,
        types,
        (event) => {
          const definition = definitionOf(event.type);
          const [problem] = definition
            ? definition.problems(event.data)
            : [{ path: '', message: 'no module defines it' }];
          if (problem) {
            violations.push({
              group,
              eventId: event.id,
              type: event.type,
              problem: `${problem.path} ${problem.message}`,
            });
          }
          return handler(event);
        },
        options,
      ),
  });
}
