import { heapTuningFlags } from '../../../src/cli/tune-v8-heap';

describe('heapTuningFlags', () => {
  it('lets the old generation grow by 50 % between full collections in the worker and in start', () => {
    expect(heapTuningFlags(['worker'], [], undefined)).toEqual(['--heap-growing-percent=50']);
    expect(heapTuningFlags(['start'], ['--enable-source-maps'], '--max-old-space-size=1024')).toEqual([
      '--heap-growing-percent=50',
    ]);
  });

  it('leaves the web process with V8’s default, for its acknowledgement latency', () => {
    expect(heapTuningFlags(['web'], [], undefined)).toEqual([]);
  });

  it('leaves an operator’s own setting alone, on the command line or in NODE_OPTIONS', () => {
    expect(heapTuningFlags(['worker'], ['--heap-growing-percent=80'], undefined)).toEqual([]);
    expect(heapTuningFlags(['worker'], [], '--heap-growing-percent=30 --max-old-space-size=512')).toEqual([]);
  });
});
