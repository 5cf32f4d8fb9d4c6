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
    const gate = new ForegroundFirstGate();
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

  it('lets background work go ahead of waiting requests once they have had their share of the time', async () => {
    let clock = 0;
    // A quarter of the time for background work: a 10 ms background turn is followed by 30 ms of requests.
    const gate = new ForegroundFirstGate({ backgroundShare: 0.25, foregroundStreak: 1, now: () => clock });
    const order: string[] = [];
    const first = await inBackground(async () => statement(gate, 'consumer 1', order));
    const second = await inBackground(async () => statement(gate, 'consumer 2', order));
    const requests = [1, 2, 3, 4].map((n) => statement(gate, `request ${n}`, order));
    const tookMs = [10, 12, 12, 6, 1, 1];
    for (const [i, step] of [first, ...requests.slice(0, 3), second, requests[3]].entries()) {
      await new Promise((resolve) => setImmediate(resolve));
      clock += tookMs[i] ?? 0;
      step?.finish();
      await step?.done;
    }
    expect(order).toEqual(['consumer 1', 'request 1', 'request 2', 'request 3', 'consumer 2', 'request 4']);
  });

  it('does not hold background work back for time it took while no request waited', async () => {
    let clock = 0;
    const gate = new ForegroundFirstGate({ backgroundShare: 0.25, foregroundStreak: 1, now: () => clock });
    const order: string[] = [];
    const alone = await inBackground(async () => statement(gate, 'consumer 1', order));
    clock += 100;
    alone.finish();
    await alone.done;
    const request = statement(gate, 'request 1', order);
    const consumer = await inBackground(async () => statement(gate, 'consumer 2', order));
    const later = statement(gate, 'request 2', order);
    for (const step of [request, consumer, later]) {
      await new Promise((resolve) => setImmediate(resolve));
      clock += 1;
      step.finish();
      await step.done;
    }
    expect(order).toEqual(['consumer 1', 'request 1', 'consumer 2', 'request 2']);
  });

  it('gives background work a turn after a streak of requests, so it is never starved', async () => {
    const gate = new ForegroundFirstGate({ foregroundStreak: 3 });
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

  it('refuses a share outside (0, 1]', () => {
    expect(() => new ForegroundFirstGate({ backgroundShare: 0 })).toThrow();
    expect(() => new ForegroundFirstGate({ backgroundShare: 1.5 })).toThrow();
  });

  it('knows background work by its async context', async () => {
    expect(isBackgroundWork()).toBe(false);
    expect(await inBackground(async () => isBackgroundWork())).toBe(true);
  });
});
