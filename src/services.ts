import { join } from 'node:path';
import type { Config } from './config.ts';
import { AccountService } from './modules/accounts/service.ts';
import { AccessTokens } from './modules/accounts/tokens.ts';
import { FeedService } from './modules/feed/service.ts';
import { UploadIntake } from './modules/media/upload-intake.ts';
import { VideoService } from './modules/videos/service.ts';
import type { Infrastructure } from './platform/infrastructure.ts';
import { loadOrCreateSecret } from './platform/secrets.ts';

/** The modules' services, wired to the infrastructure: Looply's composition root. */
export interface Services {
  accounts: AccountService;
  videos: VideoService;
  feed: FeedService;
  intake: UploadIntake;
}

export async function createServices(config: Config, infra: Infrastructure): Promise<Services> {
  const secret = config.jwtSecret ?? (await loadOrCreateSecret(infra.db, 'access-token-key'));
  const accounts = new AccountService(
    infra.db,
    new AccessTokens(secret, config.accessTokenTtlSeconds),
    config.refreshTokenTtlSeconds,
  );
  const videos = new VideoService({ ...infra, accounts });
  return {
    accounts,
    videos,
    feed: new FeedService(videos),
    intake: new UploadIntake({
      tmpDir: join(config.dataDir, 'tmp', 'uploads'),
      maxBytes: config.maxUploadBytes,
      ffprobePath: config.ffprobePath,
    }),
  };
}
