/**
 * The clock Baton's automation reads during flows (business hours, form timeouts): a flow's
 * `now:` sets it, and it then moves on in real time, so "30 minutes later" still means something.
 */
export class FlowClock {
  private offsetMs = 0;

  /** Start the clock at `instant` (ISO); undefined: the real time. */
  set(instant: string | undefined): void {
    this.offsetMs = instant === undefined ? 0 : Date.parse(instant) - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
