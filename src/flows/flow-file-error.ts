import { BatonError } from '../core/errors';

/** A flow file that cannot be run as written: each problem names its place (`steps[2].expect.state`) and line. */
export class FlowFileError extends BatonError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('config_invalid', `Flow file ${file} has ${count}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'FlowFileError';
  }
}
