// Injected time for time-dependent logic: billing-run chunk leases, webhook
// delivery leases and retry times, Idempotency-Key expiry. The service uses the system clock (through
// AppOptions.clock), tests a clock they move by hand. Lease expiry compares a
// time stamped by one instance with another instance's clock: instances are
// assumed to keep synchronised clocks (NTP), see api/billing-runs/README.md.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and advance. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
