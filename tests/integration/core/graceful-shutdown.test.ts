import type { Responder } from '../../../src/core/responder';
import { eventually, phoneOf, startTestBaton, type TestBaton } from '../../support/test-baton';

describe('graceful shutdown', () => {
  let baton: TestBaton;
  let composing: () => void = () => {};
  const slowResponder: Responder = {
    respond: async (input) => {
      composing();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { kind: 'reply', text: `slow: ${input.message.text}` };
    },
  };
  beforeAll(async () => {
    baton = await startTestBaton({ worker: false, responder: slowResponder });
  });
  afterAll(() => baton.close());

  it('finishes the in-flight job before stopping, and the next worker delivers its reply', async () => {
    const worker = await baton.startWorker();
    const started = new Promise<void>((resolve) => {
      composing = resolve;
    });
    await baton.post('/simulator/messages', { from: 'graceful', text: 'hello' });
    await started;
    await worker.close(); // the reply is being composed right now

    const inbound = await baton.runtime.db.message.findFirstOrThrow({
      where: { text: 'hello' },
      include: { replies: true },
    });
    expect(inbound.respondedAt).not.toBeNull();
    expect(inbound.replies.map((r) => r.text)).toEqual(['slow: hello']);

    await baton.startWorker();
    await eventually(async () => (await phoneOf(baton, 'graceful')).length === 1);
    expect((await phoneOf(baton, 'graceful')).map((m) => m.text)).toEqual(['slow: hello']);
  });
});
