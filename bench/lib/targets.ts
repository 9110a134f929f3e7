/** The targets of issue #8, each next to the figure it applies to. */
export interface Target {
  id: string;
  what: string;
  target: string;
  measured: number | null;
  unit: string;
  /** null: not measured in this run (section skipped or no samples). */
  pass: boolean | null;
}

export interface TargetInputs {
  e2ePerSecond?: number | null;
  rawTwoHopPerSecond?: number | null;
  e2eP99HalfRate?: number | null;
  ackP99WithWorkers?: number | null;
  ackP99WebOnly?: number | null;
  ackRate: number;
  relayP99?: number | null;
  retrievalP50At10k?: number | null;
  maxRssMB?: number | null;
  maxPostsInAnySecond?: number | null;
  burstMissing?: number | null;
}

function check(
  id: string,
  what: string,
  measured: number | null | undefined,
  limit: { atMost?: number; atLeast?: number },
  unit: string,
): Target {
  const value = measured ?? null;
  const target = limit.atMost !== undefined ? `≤ ${limit.atMost} ${unit}` : `≥ ${limit.atLeast} ${unit}`;
  const pass =
    value === null || Number.isNaN(value)
      ? null
      : limit.atMost !== undefined
        ? value <= limit.atMost
        : value >= (limit.atLeast ?? 0);
  return { id, what, target: target.trim(), measured: value, unit, pass };
}

export function evaluateTargets(inputs: TargetInputs): Target[] {
  const share =
    inputs.e2ePerSecond && inputs.rawTwoHopPerSecond
      ? Math.round((inputs.e2ePerSecond / inputs.rawTwoHopPerSecond) * 1000) / 10
      : null;
  return [
    check(
      'e2e_throughput_share',
      'end-to-end messages/s (1 worker) as a share of raw BullMQ two-hop jobs/s (1 process)',
      share,
      { atLeast: 25 },
      '%',
    ),
    check(
      'e2e_p99_half_rate',
      'end-to-end p99 at half the saturation rate',
      inputs.e2eP99HalfRate,
      { atMost: 100 },
      'ms',
    ),
    check(
      'webhook_ack_p99',
      `webhook acknowledgement p99 at ${inputs.ackRate} req/s, workers running`,
      inputs.ackP99WithWorkers,
      { atMost: 15 },
      'ms',
    ),
    check(
      'webhook_ack_p99_web_alone',
      `webhook acknowledgement p99 at ${inputs.ackRate} req/s, web process alone`,
      inputs.ackP99WebOnly,
      { atMost: 15 },
      'ms',
    ),
    check('relay_p99', 'Slack thread reply → traveler (fake Twilio) p99', inputs.relayP99, { atMost: 50 }, 'ms'),
    check('retrieval_p50_10k', 'retrieval p50 at 10k chunks', inputs.retrievalP50At10k, { atMost: 5 }, 'ms'),
    check('rss', 'peak RSS of any Baton process', inputs.maxRssMB, { atMost: 300 }, 'MB'),
    check(
      'slack_posts_per_channel',
      'Slack posts in the handoff channel in any 1-second window',
      inputs.maxPostsInAnySecond,
      { atMost: 1 },
      'posts',
    ),
    check(
      'slack_nothing_dropped',
      'traveler messages missing from the threads',
      inputs.burstMissing,
      { atMost: 0 },
      'messages',
    ),
  ];
}
