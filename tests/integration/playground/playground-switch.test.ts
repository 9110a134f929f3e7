import { loadEnv, playgroundOn } from '../../../src/config/env';
import { ConfigError } from '../../../src/core/errors';
import { startPlaygroundBaton } from '../../e2e/support/playground-baton';
import { eventually } from '../../support/test-baton';

describe('BATON_PLAYGROUND', () => {
  it.each([
    [{}, true],
    [{ NODE_ENV: 'development' }, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', BATON_PLAYGROUND: '1' }, true],
    [{ NODE_ENV: 'production', BATON_PLAYGROUND: 'true' }, true],
    [{ BATON_PLAYGROUND: '0' }, false],
    [{ BATON_PLAYGROUND: ' ' }, true],
  ])('%j → on: %s', (source, on) => {
    expect(playgroundOn(loadEnv(source))).toBe(on);
  });

  it('names the variable and the fix for a value that is neither on nor off', () => {
    expect(() => loadEnv({ BATON_PLAYGROUND: 'maybe' })).toThrow(ConfigError);
    expect(() => loadEnv({ BATON_PLAYGROUND: 'maybe' })).toThrow(/BATON_PLAYGROUND: "maybe" is neither on nor off/);
  });
});

describe('the web process', () => {
  it('answers 404 playground_off for the page and its API when the playground is off', async () => {
    const baton = await startPlaygroundBaton({ playground: null, worker: false });
    try {
      for (const route of ['/playground', '/playground/api/inbox', '/playground/assets/index.js']) {
        const response = await fetch(`${baton.baseUrl}${route}`);
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual(expect.objectContaining({ error: 'playground_off' }));
      }
      // The simulator is not part of the playground's switch.
      expect((await fetch(`${baton.baseUrl}/simulator/messages?address=x`)).status).toBe(200);
    } finally {
      await baton.close();
    }
  });

  it('ends open event streams when it stops, so shutting down does not hang', async () => {
    const baton = await startPlaygroundBaton({ worker: false });
    const response = await fetch(`${baton.baseUrl}/playground/api/events?phone=someone`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await eventually(async () => (await reader.read()).value !== undefined);
    const started = Date.now();
    await baton.close();
    expect(Date.now() - started).toBeLessThan(5000);
    // The server ended the stream.
    await eventually(async () => (await reader.read()).done);
  });
});
