/** Events the live module publishes, each in the transaction of the change it reports. `version` 1 for each. */
export const LiveEvents = {
  started: 'LiveStarted',
  ended: 'LiveEnded',
} as const;

/** The publisher connected with a valid key: the stream is on air. */
export interface LiveStartedData {
  stream_id: string;
  host_id: string;
  title: string;
  visibility: 'public' | 'friends' | 'private';
  started_at: string;
}

/** The host ended the stream, or the publisher stayed away longer than the reconnect grace period. */
export interface LiveEndedData {
  stream_id: string;
  host_id: string;
  reason: 'host' | 'silence';
  /** Null when it never went on air. */
  started_at: string | null;
  ended_at: string;
}
