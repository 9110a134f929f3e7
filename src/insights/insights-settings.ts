import type { TBatonConfig } from '../config/baton-config.schema';

/** The zone reports count days and hours in: insights.timeZone, else the business hours' zone, else UTC. */
export function insightsTimeZone(config: Pick<TBatonConfig, 'insights' | 'businessHours'>): string {
  return config.insights?.timeZone ?? config.businessHours?.timeZone ?? 'UTC';
}
