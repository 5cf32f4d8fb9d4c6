import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one process, served at /metrics. */
export interface Metrics {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  jobsCompleted: Counter<'queue' | 'outcome'>;
  jobDuration: Histogram<'queue'>;
}

const EVENT_LOOP_SAMPLE_MS = 100;

export function createMetrics(): Metrics {
  const registry = new Registry();
  // The event-loop delay histogram samples on a timer: every 10 ms by default, which alone costs an idle process
  // more than half a percent of a core. A sample every 100 ms still shows a stalled loop.
  collectDefaultMetrics({ register: registry, prefix: 'looply_', eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'looply_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    jobsCompleted: new Counter({
      name: 'looply_jobs_total',
      help: 'Jobs finished by queue and outcome (succeeded, failed)',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'looply_job_duration_seconds',
      help: 'Job run time by queue',
      labelNames: ['queue'],
      buckets: [0.1, 0.5, 1, 5, 10, 30, 60, 120, 300],
      registers: [registry],
    }),
  };
}
