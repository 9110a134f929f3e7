import { createMetrics, noMetrics } from '../../../src/core/metrics';

describe('live metrics (Prometheus)', () => {
  it('records messages, handoffs, failures, AI outcomes and API calls under stable names', async () => {
    const metrics = createMetrics();
    metrics.recordMessage('inbound', 'twilio_sms');
    metrics.recordMessage('inbound', 'twilio_sms');
    metrics.recordMessage('outbound', 'whatsapp_web');
    metrics.recordHandoff('keyword');
    metrics.recordDeliveryFailure('twilio_sms', '30003');
    metrics.recordDeliveryFailure('twilio_sms', null);
    metrics.recordAiAnswer('unsure');
    metrics.recordAiAnswer('reply');
    metrics.recordApiCall('twilio', 'messages.create', 0.2);
    await metrics.timeApiCall('slack', 'chat.postMessage', async () => 'ok');
    await expect(
      metrics.timeApiCall('slack', 'chat.update', async () => {
        throw Object.assign(new Error('nope'), { data: { error: 'message_not_found' } });
      }),
    ).rejects.toThrow('nope');

    const text = await metrics.registry.metrics();
    expect(text).toContain('baton_messages_total{direction="inbound",channel="twilio_sms"} 2');
    expect(text).toContain('baton_messages_total{direction="outbound",channel="whatsapp_web"} 1');
    expect(text).toContain('baton_handoffs_opened_total{trigger="keyword"} 1');
    expect(text).toContain('baton_delivery_failures_total{channel="twilio_sms",code="30003"} 1');
    expect(text).toContain('baton_delivery_failures_total{channel="twilio_sms",code="unknown"} 1');
    expect(text).toContain('baton_ai_answers_total{outcome="unsure"} 1');
    expect(text).toContain(
      'baton_external_api_request_duration_seconds_count{service="twilio",method="messages.create",outcome="ok"} 1',
    );
    expect(text).toContain(
      'baton_external_api_request_duration_seconds_count{service="slack",method="chat.update",outcome="error"} 1',
    );
    expect(text).toContain(
      'baton_external_api_errors_total{service="slack",method="chat.update",code="message_not_found"} 1',
    );
  });

  it('has a recorder that records nothing and still runs the call', async () => {
    noMetrics.recordMessage('inbound', 'simulator');
    await expect(noMetrics.timeApiCall('openai', 'chat', async () => 42)).resolves.toBe(42);
  });
});
