import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, listeningUrl, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('has working defaults and honours PORT and DATA_DIR', () => {
    const defaults = loadConfig({});
    expect(defaults.port).toBe(3000);
    expect(defaults.roles).toEqual(['api', 'worker']);
    expect(defaults.databaseUrl).toBeUndefined();
    const custom = loadConfig({ PORT: '4100', DATA_DIR: '/srv/looply', LOOPLY_ROLES: 'worker' });
    expect(custom.port).toBe(4100);
    expect(custom.dataDir).toBe('/srv/looply');
    expect(custom.roles).toEqual(['worker']);
  });

  it.each([
    ['PORT', 'eighty', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be a whole number from 0 to 65535/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must start with postgres:/],
    ['REDIS_URL', 'not a url', /REDIS_URL must be a URL/],
    ['LOOPLY_ROLES', 'api,chef', /LOOPLY_ROLES must list roles/],
    ['DEMO_CONTENT', 'maybe', /DEMO_CONTENT must be one of on, off/],
    ['RATE_LIMIT_SCALE', '-1', /RATE_LIMIT_SCALE must be a number/],
    ['JWT_SECRET', 'short', /JWT_SECRET must be at least 32 characters/],
    ['TRUST_PROXY', 'yes', /TRUST_PROXY must be off, on, a hop count/],
    ['TRUST_PROXY', '11', /TRUST_PROXY must be off, on, a hop count/],
    ['TRUST_PROXY', '10.0.0.0/33', /TRUST_PROXY must be off, on, a hop count/],
    ['METRICS_TOKEN', 'short', /METRICS_TOKEN must be 16 to 256 printable characters/],
    ['BLOB_STORE', 'gcs', /BLOB_STORE must be one of directory, s3/],
    ['PUBLIC_URL', 'looply.example', /PUBLIC_URL must be a URL/],
    ['PUBLIC_URL', 'ftp://looply.example', /PUBLIC_URL must start with https: or http:/],
    ['PUBLIC_URL', 'https://looply.example/app', /PUBLIC_URL must be an origin/],
    ['PUBLIC_URL', 'https://user:pw@looply.example', /PUBLIC_URL must be an origin/],
  ])('refuses %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('takes PUBLIC_URL as an origin, and otherwise leaves links to the address Looply listens at', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'https://Looply.Example/' }).publicUrl).toBe('https://looply.example');
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:8080' }).publicUrl).toBe('http://10.0.0.5:8080');
    expect(listeningUrl('0.0.0.0', 3000)).toBe('http://localhost:3000');
    expect(listeningUrl('::', 3000)).toBe('http://localhost:3000');
    expect(listeningUrl('127.0.0.1', 4100)).toBe('http://127.0.0.1:4100');
    expect(listeningUrl('::1', 4100)).toBe('http://[::1]:4100');
  });

  it('keeps blobs in a directory unless BLOB_STORE=s3', () => {
    expect(loadConfig({}).blobStore).toEqual({ kind: 'directory' });
    expect(loadConfig({ BLOB_STORE: 'directory', S3_BUCKET: 'ignored' }).blobStore).toEqual({ kind: 'directory' });
  });

  it('reads the S3 bucket settings, with the SDK credential chain unless keys are given', () => {
    expect(loadConfig({ BLOB_STORE: 's3', S3_BUCKET: 'looply-media' }).blobStore).toEqual({
      kind: 's3',
      s3: {
        bucket: 'looply-media',
        region: 'us-east-1',
        endpoint: undefined,
        forcePathStyle: false,
        credentials: undefined,
        keyPrefix: '',
      },
    });
    const minio = loadConfig({
      BLOB_STORE: 's3',
      S3_BUCKET: 'looply',
      S3_REGION: 'eu-west-3',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY_ID: 'looply',
      S3_SECRET_ACCESS_KEY: 'secret-key',
      S3_PREFIX: 'prod/media',
    }).blobStore;
    expect(minio).toEqual({
      kind: 's3',
      s3: {
        bucket: 'looply',
        region: 'eu-west-3',
        endpoint: 'http://minio:9000',
        // An S3-compatible endpoint defaults to path-style requests.
        forcePathStyle: true,
        credentials: { accessKeyId: 'looply', secretAccessKey: 'secret-key' },
        keyPrefix: 'prod/media/',
      },
    });
    const virtualHosted = loadConfig({
      BLOB_STORE: 's3',
      S3_BUCKET: 'looply',
      S3_ENDPOINT: 'https://acct.r2.cloudflarestorage.com',
      S3_FORCE_PATH_STYLE: 'off',
      S3_PREFIX: 'media/',
    }).blobStore;
    expect(virtualHosted).toMatchObject({ s3: { forcePathStyle: false, keyPrefix: 'media/' } });
  });

  it.each([
    [{}, /S3_BUCKET must name the bucket when BLOB_STORE=s3/],
    [{ S3_BUCKET: 's3://looply' }, /S3_BUCKET must be a bare bucket name/],
    [{ S3_BUCKET: 'looply', S3_ENDPOINT: 'minio:9000' }, /S3_ENDPOINT must start with https: or http:/],
    [{ S3_BUCKET: 'looply', S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE must be one of on, off/],
    [{ S3_BUCKET: 'looply', S3_REGION: 'EU West' }, /S3_REGION may contain only/],
    [{ S3_BUCKET: 'looply', S3_PREFIX: '/media' }, /S3_PREFIX may contain only/],
    [{ S3_BUCKET: 'looply', S3_PREFIX: 'a//b' }, /S3_PREFIX may contain only/],
    [
      { S3_BUCKET: 'looply', S3_ACCESS_KEY_ID: 'looply' },
      /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together/,
    ],
  ])('refuses BLOB_STORE=s3 with %j, naming the variable', (env, message) => {
    expect(() => loadConfig({ BLOB_STORE: 's3', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ BLOB_STORE: 's3', ...env })).toThrow(message);
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'on' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1, 192.168.1.7' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
      '192.168.1.7',
    ]);
  });

  it('stops the process with one clear line for a wrong value', () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const run = spawnSync(process.execPath, [main, 'start'], {
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('looply: PORT must be a whole number from 0 to 65535, got "eighty"');
  });
});
