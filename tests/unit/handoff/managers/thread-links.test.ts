import { cachedPermalinks, type PermalinkSource, threadLinks } from '../../../../src/handoff/managers/thread-links';

/** A Slack that answers permalinks after `delayMs`, failing for the ts in `failing`. */
function fakeSlack(options: { failing?: string[]; delayMs?: number; never?: string[] } = {}) {
  const asked: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const slack: PermalinkSource = {
    async permalink({ channel, ts }) {
      asked.push(ts);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (options.never?.includes(ts)) await new Promise(() => {});
        await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1));
        if (options.failing?.includes(ts)) throw new Error('message_not_found');
        return `https://example.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
      } finally {
        inFlight -= 1;
      }
    },
  };
  return { slack, asked, maxInFlight: () => maxInFlight };
}

describe('threadLinks', () => {
  it('links each thread in order, leaving out missing threads and failed calls', async () => {
    const { slack } = fakeSlack({ failing: ['2.0'] });
    const links = await threadLinks(slack, [
      { channelId: 'C1', threadTs: '1.0' },
      undefined,
      { channelId: 'C1', threadTs: '2.0' },
      { channelId: 'C2', threadTs: '3.0' },
    ]);
    expect(links).toEqual([
      'https://example.slack.com/archives/C1/p10',
      undefined,
      undefined,
      'https://example.slack.com/archives/C2/p30',
    ]);
  });

  it('has no links without a Slack to ask', async () => {
    expect(await threadLinks(undefined, [{ channelId: 'C1', threadTs: '1.0' }])).toEqual([undefined]);
  });

  it('asks a few at a time, not the whole inbox at once', async () => {
    const fake = fakeSlack({ delayMs: 5 });
    const threads = Array.from({ length: 30 }, (_, i) => ({ channelId: 'C1', threadTs: `${i}.0` }));
    const links = await threadLinks(fake.slack, threads);
    expect(links.every((link) => link !== undefined)).toBe(true);
    expect(fake.asked).toHaveLength(30);
    expect(fake.maxInFlight()).toBeLessThanOrEqual(8);
  });

  it('leaves out a link Slack is too slow to give', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const { slack } = fakeSlack({ never: ['1.0'], delayMs: 0 });
      const pending = threadLinks(slack, [
        { channelId: 'C1', threadTs: '1.0' },
        { channelId: 'C1', threadTs: '2.0' },
      ]);
      await jest.advanceTimersByTimeAsync(2000);
      expect(await pending).toEqual([undefined, 'https://example.slack.com/archives/C1/p20']);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('cachedPermalinks', () => {
  it('asks Slack once per message, and again after a failure', async () => {
    let fail = true;
    const asked: string[] = [];
    const cached = cachedPermalinks({
      async permalink({ ts }) {
        asked.push(ts);
        if (fail) throw new Error('ratelimited');
        return `link-${ts}`;
      },
    });
    await expect(cached.permalink({ channel: 'C1', ts: '1.0' })).rejects.toThrow('ratelimited');
    fail = false;
    expect(await cached.permalink({ channel: 'C1', ts: '1.0' })).toBe('link-1.0');
    expect(await cached.permalink({ channel: 'C1', ts: '1.0' })).toBe('link-1.0');
    expect(await cached.permalink({ channel: 'C2', ts: '1.0' })).toBe('link-1.0');
    expect(asked).toEqual(['1.0', '1.0', '1.0']);
  });

  it('forgets the oldest link past its size', async () => {
    const asked: string[] = [];
    const cached = cachedPermalinks(
      {
        async permalink({ ts }) {
          asked.push(ts);
          return `link-${ts}`;
        },
      },
      2,
    );
    for (const ts of ['1', '2', '3', '1']) await cached.permalink({ channel: 'C1', ts });
    expect(asked).toEqual(['1', '2', '3', '1']);
  });
});
