/** Events the sounds module publishes. `version` 1 for each. */
export const SoundEvents = {
  created: 'SoundCreated',
} as const;

export interface SoundCreatedData {
  sound_id: string;
  owner_id: string;
  source_video_id: string | null;
  title: string;
  duration_ms: number;
}
