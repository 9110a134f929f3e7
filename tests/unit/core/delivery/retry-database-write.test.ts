import { retryDatabaseWrite } from '../../../../src/core/delivery/retry-database-write';

describe('retryDatabaseWrite', () => {
  const waits: number[] = [];
  const wait = async (ms: number) => {
    waits.push(ms);
  };
  beforeEach(() => {
    waits.length = 0;
  });

  /** A write that throws `failures` times, then answers. */
  const flaky = (failures: number) => {
    let calls = 0;
    return {
      get calls() {
        return calls;
      },
      write: async () => {
        calls++;
        if (calls <= failures) throw new Error(`reset ${calls}`);
        return 'written';
      },
    };
  };

  it.each([
    [0, 1, []],
    [1, 2, [10]],
    [3, 4, [10, 20, 40]],
  ])('%i failures: %i calls, waits %j, then the result', async (failures, calls, waited) => {
    const write = flaky(failures);
    await expect(retryDatabaseWrite(write.write, [10, 20, 40], wait)).resolves.toBe('written');
    expect({ calls: write.calls, waits }).toEqual({ calls, waits: waited });
  });

  it('throws the last error once the delays are used up', async () => {
    const write = flaky(10);
    await expect(retryDatabaseWrite(write.write, [10, 20], wait)).rejects.toThrow('reset 3');
    expect({ calls: write.calls, waits }).toEqual({ calls: 3, waits: [10, 20] });
  });

  it('tries once without delays', async () => {
    const write = flaky(1);
    await expect(retryDatabaseWrite(write.write, [], wait)).rejects.toThrow('reset 1');
    expect(write.calls).toBe(1);
  });
});
