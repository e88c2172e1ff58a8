import { EmulatorCounters } from './types';

/** Admin API call counters (per route pattern), for tests and benchmarks that count API calls. */
export class Counters {
  private total = 0;
  private reads = 0;
  private writes = 0;
  private rateLimited = 0;
  private faults = 0;
  private byRoute: Record<string, number> = {};

  public request(method: string, routeKey: string): void {
    this.total++;
    if (method === 'GET') this.reads++;
    else this.writes++;
    this.byRoute[routeKey] = (this.byRoute[routeKey] ?? 0) + 1;
  }

  public limited(): void {
    this.rateLimited++;
  }

  public faulted(): void {
    this.faults++;
  }

  public snapshot(): EmulatorCounters {
    return {
      total: this.total,
      reads: this.reads,
      writes: this.writes,
      rateLimited: this.rateLimited,
      faults: this.faults,
      byRoute: { ...this.byRoute },
    };
  }

  public reset(): void {
    this.total = this.reads = this.writes = this.rateLimited = this.faults = 0;
    this.byRoute = {};
  }
}
