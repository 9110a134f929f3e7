import { Redis } from 'ioredis';
import { DeliveryError } from '../../src/channels/delivery-error';
import { SimulatorAdapter } from '../../src/channels/simulator/simulator.adapter';
import { createRedisNamespace, redisUrl } from '../support/test-services';
import { describeChannelAdapterConformance } from './adapter-conformance';

const namespace = createRedisNamespace();
let redis: Redis;
let adapter: SimulatorAdapter;
let nextFailure: 'transient' | 'permanent' | undefined;

/** The simulator's "provider" is Redis: what it sent is on the simulated phone. */
class FailureInjectingSimulator extends SimulatorAdapter {
  override async send(message: Parameters<SimulatorAdapter['send']>[0]) {
    const failure = nextFailure;
    nextFailure = undefined;
    if (failure) throw new DeliveryError(`simulated ${failure} failure`, failure === 'permanent');
    return super.send(message);
  }
}

describeChannelAdapterConformance('simulator', {
  async setup() {
    redis = new Redis(redisUrl);
    adapter = new FailureInjectingSimulator(redis, namespace.prefix);
    return adapter;
  },
  async teardown() {
    await namespace.clear();
    redis.disconnect();
  },
  address: (name) => name,
  inboundPayload: ({ from, text, id }) => ({ from, text, id }),
  sentTo: async (address) => (await adapter.readPhone(address)).map((m) => ({ text: m.text, providerMessageId: m.id })),
  failNextSend: (kind) => {
    nextFailure = kind;
  },
});
