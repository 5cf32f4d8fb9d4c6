import { describe, expect, it } from 'vitest';
import { ForegroundFirstGate, inBackground, isBackgroundWork } from './background-work.ts';

/** A statement that takes its turn and finishes when the test says so. */
function statement(gate: ForegroundFirstGate, name: string, order: string[]) {
  let finish = () => {};
  const done = gate.run(async () => {
    order.push(name);
    await new Promise<void>((resolve) => {
      finish = resolve;
    });
  });
  return { done, finish: () => finish() };
}

describe('ForegroundFirstGate', () => {
  it('runs one at a time and lets waiting requests go before waiting background work', async () => {
    const gate = new ForegroundFirstGate(8);
    const order: string[] = [];
    const first = statement(gate, 'first', order);
    const consumer = await inBackground(async () => statement(gate, 'consumer', order));
    const request = statement(gate, 'request', order);
    await Promise.resolve();
    expect(order).toEqual(['first']);
    first.finish();
    await first.done;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['first', 'request']);
    request.finish();
    await request.done;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['first', 'request', 'consumer']);
    consumer.finish();
    await consumer.done;
  });

  it('gives background work a turn after a streak of requests, so it is never starved', async () => {
    const gate = new ForegroundFirstGate(2);
    const order: string[] = [];
    const blocker = statement(gate, 'blocker', order);
    const consumer = await inBackground(async () => statement(gate, 'consumer', order));
    const requests = [1, 2, 3].map((n) => statement(gate, `request ${n}`, order));
    for (const step of [blocker, ...requests.slice(0, 2), consumer, requests[2]]) {
      await new Promise((resolve) => setImmediate(resolve));
      step?.finish();
      await step?.done;
    }
    expect(order).toEqual(['blocker', 'request 1', 'request 2', 'consumer', 'request 3']);
  });

  it('knows background work by its async context', async () => {
    expect(isBackgroundWork()).toBe(false);
    expect(await inBackground(async () => isBackgroundWork())).toBe(true);
  });
});
