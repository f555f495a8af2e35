import { describe, expect, it } from 'vitest';
import { ask } from '../../src/core/ask.ts';
import { createTestServices, TEST_NOW } from '../support/services.ts';

describe('ask', () => {
  const services = createTestServices();

  it.each([
    ['what happened near pont sonde?', 'Pont-Sondé'],
    ['What happened in Kenscoff?', 'Kenscoff'],
    ['any news from PONT-SONDÉ', 'Pont-Sondé'],
    ['attaques à Kenscoff', 'Kenscoff'],
    ['sa k pase Ponsonde', 'Pont-Sondé'],
    ['casualties in Artibonite', 'Artibonite'],
  ])('"%s" is answered with the report on %s', (question, place) => {
    const view = ask(services, question, TEST_NOW);
    expect(view.kind).toBe('location');
    expect(view.title).toBe(`${place}: what happened`);
    expect(view.sections[0]?.heading).toBe('Understood');
  });

  it('a question with no place says so and gives an example', () => {
    expect(() => ask(services, 'what is going on?', TEST_NOW)).toThrow(/could not find a place in Haiti.*Pont-Sondé/);
  });

  it('a misspelt place is answered, saying which place was meant', () => {
    const view = ask(services, 'what happened in Kenscof?', TEST_NOW);
    expect(view.title).toBe('Kenscoff: what happened');
    expect(view.sections[0]?.fields?.[0]?.value).toMatch(
      /^Did you mean: Kenscoff\? Understood: Kenscoff \(read from "kenscof"\), Ouest, any date\.$/,
    );
  });

  it('an unknown place gets the closest names', () => {
    expect(() => ask(services, 'what happened in Kensco?', TEST_NOW)).toThrow(/Did you mean: Kenscoff/);
  });
});
