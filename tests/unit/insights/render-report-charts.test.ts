import { renderReportPng, renderReportSvg } from '../../../src/insights/render-report-charts';
import { sampleReport } from './sample-report';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('report charts', () => {
  it('draws tags over time, handoffs by trigger and time to a specialist', () => {
    const svg = renderReportSvg(sampleReport());
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of [
      'Tags applied per day',
      'Handoffs by trigger',
      'Time to first human reply',
      'p50 12 min · p90 1 h 30 min · 7 answered',
      'lost luggage',
      'specialist took over',
      '11-16',
      'no reply yet',
    ]) {
      expect(svg).toContain(text);
    }
  });

  it('rasterises to a PNG: signature, content type and size', () => {
    const chart = renderReportPng(sampleReport());
    expect(chart.contentType).toBe('image/png');
    expect(chart.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // IHDR: width and height right after the chunk header.
    expect(chart.data.toString('ascii', 12, 16)).toBe('IHDR');
    expect([chart.data.readUInt32BE(16), chart.data.readUInt32BE(20)]).toEqual([chart.width, chart.height]);
    expect([chart.width, chart.height]).toEqual([1000, 1240]);
    expect(chart.data.length).toBeGreaterThan(20_000);
    expect(chart.data.length).toBeLessThan(1_000_000);
  });

  it('renders an empty report too', () => {
    const chart = renderReportPng(
      sampleReport({ tags: { trends: [], series: { unit: 'day', buckets: [], series: [] } } }),
    );
    expect(chart.data.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(
      renderReportSvg(sampleReport({ tags: { trends: [], series: { unit: 'day', buckets: [], series: [] } } })),
    ).toContain('No tag applied in this period');
  });
});
