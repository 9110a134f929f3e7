import OpenAI from 'openai';
import { describeLlmFailure } from '../../../../src/ai/llm/describe-llm-failure';

const status = (code: number) =>
  OpenAI.APIError.generate(
    code,
    { error: { message: 'Incorrect API key provided: sk-abc…' } },
    undefined,
    new Headers(),
  );

describe('describeLlmFailure', () => {
  it.each([
    ['a timeout', new OpenAI.APIConnectionTimeoutError(), 'timeout', undefined],
    ['a refused connection', new OpenAI.APIConnectionError({ message: 'Connection error.' }), 'connection', undefined],
    ['401', status(401), 'auth', 401],
    ['429', status(429), 'rate_limited', 429],
    ['503', status(503), 'server_error', 503],
    ['400', status(400), 'bad_request', 400],
    ['anything else', new TypeError('boom'), 'other', undefined],
  ])('%s', (_case, error, reason, httpStatus) => {
    const failure = describeLlmFailure(error);
    expect(failure.reason).toBe(reason);
    expect(failure.status).toBe(httpStatus);
    expect(failure.fix.length).toBeGreaterThan(10);
    // Never the error's own message: it can hold part of a key or the traveler's words.
    expect(JSON.stringify(failure)).not.toContain('sk-abc');
  });
});
