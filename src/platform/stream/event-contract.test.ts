import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { defineEvent, EventId, readEvent } from './event-contract.ts';
import { createEvent, untypedEvent } from './events.ts';

const Tipped = defineEvent('Tipped', Type.Object({ video_id: EventId, amount: Type.Integer({ minimum: 1 }) }), 2);
const video = '00000000-0000-4000-8000-000000000001';

describe('event definitions', () => {
  it('stamp a conforming event with their type and version', () => {
    const event = createEvent(Tipped, { video_id: video, amount: 3 });
    expect(event).toMatchObject({ type: 'Tipped', version: 2, data: { video_id: video, amount: 3 } });
  });

  it('refuse to publish a malformed payload, naming the event and the first failing path', () => {
    expect(() => createEvent(Tipped, { video_id: 'not-an-id', amount: 3 })).toThrow(
      /malformed Tipped event: \/video_id .*uuid/,
    );
    expect(() => createEvent(Tipped, { video_id: video, amount: 0 })).toThrow(/malformed Tipped event: \/amount/);
    expect(() => createEvent(Tipped, { video_id: video } as never)).toThrow(/malformed Tipped event/);
  });

  it('read only events of their type whose payload passes the schema', () => {
    const tipped = createEvent(Tipped, { video_id: video, amount: 3 });
    expect(readEvent(Tipped, tipped)).toEqual({ video_id: video, amount: 3 });
    expect(readEvent(Tipped, untypedEvent('Liked', { video_id: video, amount: 3 }))).toBeNull();
    expect(readEvent(Tipped, untypedEvent('Tipped', { video_id: video, amount: 'three' }))).toBeNull();
    expect(readEvent(Tipped, untypedEvent('Tipped', null))).toBeNull();
  });

  it('accept fields and versions they do not know yet: payloads only grow', () => {
    const newer = untypedEvent('Tipped', { video_id: video, amount: 3, currency: 'EUR' }, 3);
    expect(readEvent(Tipped, newer)).toEqual({ video_id: video, amount: 3, currency: 'EUR' });
  });
});
