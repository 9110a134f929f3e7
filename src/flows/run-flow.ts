import type { ChannelKind } from '../channels/channel-adapter';
import { acceptInboundMessage } from '../core/inbound/accept-inbound-message';
import { type ExpectationResult, evaluateExpectations } from './evaluate-expectations';
import type { TFlow, TFlowChannel, TFlowStep } from './flow-file.schema';
import { FlowStepError } from './flow-step-error';
import { type FlowTraveler, observeFlow } from './observe-flow';
import { playSpecialist } from './play-specialist';
import type { FlowSandbox } from './start-flow-sandbox';
import { waitUntilSettled } from './wait-until-settled';

export interface StepResult {
  /** 1-based, as people count steps. */
  index: number;
  label: string;
  ok: boolean;
  /** The step could not be carried out (the flow stopped there). */
  error?: string;
  expectations: ExpectationResult[];
}

export interface FlowResult {
  name: string;
  file: string;
  ok: boolean;
  durationMs: number;
  steps: StepResult[];
  /** The file could not be read as a flow: each problem with its place. */
  problems?: string[];
  /** Steps after a failed one that were not run. */
  skippedSteps?: number;
}

/** How long Baton must stay still before a failed expectation is checked a second time. */
const recheckQuietMs = 1000;

const channelKinds: Record<TFlowChannel, ChannelKind> = {
  simulator: 'simulator',
  sms: 'twilio_sms',
  whatsapp: 'twilio_whatsapp',
};

/** The flow's traveler; by default a number of its own, so flows never share a conversation. */
export function flowTraveler(flow: TFlow, position: number): FlowTraveler {
  const channel = channelKinds[flow.channel];
  const number = `+1555010${String(position + 1).padStart(4, '0')}`;
  let address = flow.traveler.address ?? number;
  if (channel === 'twilio_whatsapp' && !address.startsWith('whatsapp:')) address = `whatsapp:${address}`;
  return { channel, address, ...(flow.traveler.name !== undefined && { name: flow.traveler.name }) };
}

const quote = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);

export function describeStep(step: TFlowStep): string {
  if (step.kind === 'traveler') return `traveler: ${quote(step.text)}`;
  if (step.kind === 'check') return 'expect';
  const action = step.action;
  const who = action.as ? `specialist ${action.as}` : 'specialist';
  switch (action.do) {
    case 'reply':
      return `${who} replies ${quote(action.text)}`;
    case 'claim':
      return `${who} clicks Claim`;
    case 'handBack':
      return `${who} clicks Hand back to AI`;
    case 'resolve':
      return `${who} clicks Resolve`;
    case 'tag':
      return `${who} tags ${action.tags.join(', ')}`;
    case 'askFor':
      return `${who} asks the traveler for ${action.action}`;
  }
}

async function travelerWrites(sandbox: FlowSandbox, traveler: FlowTraveler, text: string): Promise<void> {
  if (traveler.channel === 'simulator') {
    const response = await fetch(`${sandbox.baseUrl}/simulator/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: traveler.address, text, ...(traveler.name && { name: traveler.name }) }),
    });
    if (response.status !== 202) {
      throw new FlowStepError(`the simulator refused the message: HTTP ${response.status} ${await response.text()}`);
    }
    return;
  }
  const adapter = traveler.channel === 'twilio_sms' ? sandbox.sms : sandbox.whatsapp;
  await acceptInboundMessage(
    sandbox.runtime,
    adapter.inbound({ from: traveler.address, text, ...(traveler.name && { name: traveler.name }) }),
  );
}

/**
 * Runs one flow's steps in order on the sandbox: each step, then wait until Baton has
 * finished reacting, then check the step's expectations. A step that cannot be carried out
 * stops the flow; failed expectations do not (later steps still show what happened).
 */
export async function runFlow(
  sandbox: FlowSandbox,
  flow: TFlow,
  file: string,
  position: number,
  options: { stepTimeoutMs?: number } = {},
): Promise<FlowResult> {
  const started = Date.now();
  const traveler = flowTraveler(flow, position);
  sandbox.clock.set(flow.now);
  sandbox.ai.use(flow.ai);
  sandbox.slack.addUser({ id: flow.specialist.id, realName: flow.specialist.name });
  const settle = (quietMs?: number) =>
    waitUntilSettled(
      { runtime: sandbox.runtime, outside: () => [sandbox.slack.calls().length, sandbox.webhooks.calls().length] },
      { timeoutMs: options.stepTimeoutMs, ...(quietMs !== undefined && { quietMs }) },
    );

  const steps: StepResult[] = [];
  let phoneCount = 0;
  for (const [index, step] of flow.steps.entries()) {
    const label = describeStep(step);
    try {
      if (step.kind === 'traveler') await travelerWrites(sandbox, traveler, step.text);
      if (step.kind === 'specialist') await playSpecialist(sandbox, traveler, step.action, flow.specialist.id);
      await settle();
      let seen = await observeFlow(sandbox, traveler, phoneCount);
      let expectations = step.expect ? evaluateExpectations(step.expect, seen.observation) : [];
      if (step.expect && expectations.some((item) => !item.ok)) {
        // Before reporting a failure, give a loaded machine a longer quiet spell and look again:
        // a failure must be what Baton did, not what it had not finished doing.
        await settle(recheckQuietMs);
        seen = await observeFlow(sandbox, traveler, phoneCount);
        expectations = evaluateExpectations(step.expect, seen.observation);
      }
      phoneCount = seen.phoneCount;
      steps.push({ index: index + 1, label, ok: expectations.every((item) => item.ok), expectations });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      steps.push({ index: index + 1, label, ok: false, error: message, expectations: [] });
      const skippedSteps = flow.steps.length - index - 1;
      return {
        name: flow.name,
        file,
        ok: false,
        durationMs: Date.now() - started,
        steps,
        ...(skippedSteps > 0 && { skippedSteps }),
      };
    }
  }
  return { name: flow.name, file, ok: steps.every((step) => step.ok), durationMs: Date.now() - started, steps };
}
