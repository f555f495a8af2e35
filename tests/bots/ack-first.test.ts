import { describe, expect, it } from 'vitest';
import { createAckFirst } from '../../src/bots/ack-first.ts';

const settled = async <T>(p: Promise<T>) => {
  let done = false;
  void p.then(() => {
    done = true;
  });
  // Two turns of the loop: a release scheduled with setImmediate has run by then.
  for (let i = 0; i < 2; i++) await new Promise((r) => setImmediate(r));
  return done;
};

describe('acknowledgements before answers', () => {
  it('lets an answer go at once when every request is acknowledged', async () => {
    const gate = createAckFirst();
    expect(await settled(gate.turn())).toBe(true);
  });

  it('holds answers while a request is unacknowledged, then lets them go in order', async () => {
    const gate = createAckFirst(60_000);
    gate.received();
    const order: number[] = [];
    const first = gate.turn().then(() => order.push(1));
    const second = gate.turn().then(() => order.push(2));
    expect(await settled(first)).toBe(false);
    gate.acknowledged();
    await Promise.all([first, second]);
    expect(order).toEqual([1, 2]);
  });

  it('reads a request that arrives between two answers before the second one', async () => {
    const gate = createAckFirst(60_000);
    gate.received();
    const first = gate.turn();
    const second = gate.turn();
    gate.acknowledged();
    await first;
    gate.received();
    expect(await settled(second)).toBe(false);
    gate.acknowledged();
    await second;
  });

  it('never holds an answer past its longest wait, even if acknowledgements keep coming due', async () => {
    const gate = createAckFirst(20);
    gate.received();
    await gate.turn();
  });
});
