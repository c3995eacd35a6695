import { describe, expect, it } from 'vitest';
import { HamgamError } from '../errors.js';
import { parseS3BlobUrl, redactBlobUrl } from './s3-blob-url.js';

describe('parseS3BlobUrl', () => {
  it('reads the compose form http://KEY:SECRET@minio:9000/bucket', () => {
    expect(parseS3BlobUrl('http://minioadmin:minioadmin@minio:9000/hamgam')).toEqual({
      endPoint: 'minio',
      port: 9000,
      useSSL: false,
      accessKey: 'minioadmin',
      secretKey: 'minioadmin',
      bucket: 'hamgam',
      region: 'us-east-1',
    });
  });

  it('defaults the port from the scheme, decodes escaped secrets and reads ?region=', () => {
    const t = parseS3BlobUrl('https://AKIA:p%40ss%2Fw0rd@s3.example.ir/shop-pictures/?region=ir-thr-1');
    expect(t).toMatchObject({
      port: 443,
      useSSL: true,
      secretKey: 'p@ss/w0rd',
      bucket: 'shop-pictures',
      region: 'ir-thr-1',
    });
    expect(parseS3BlobUrl('http://a:b@[::1]/bkt')).toMatchObject({ endPoint: '::1', port: 80 });
  });

  it.each([
    ['ftp://a:b@host/bucket', 'scheme'],
    ['http://host:9000/bucket', 'access key'],
    ['http://a:b@host:9000/', 'bucket name is missing'],
    ['http://a:b@host:9000/bucket/sub', 'just the bucket'],
    ['http://a:b@host:9000/Bad_Bucket', 'not a valid bucket'],
    ['not a url', 'not a URL'],
  ])('rejects %s with CONFIG_INVALID', (url, problem) => {
    let error: unknown;
    try {
      parseS3BlobUrl(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HamgamError);
    expect((error as HamgamError).code).toBe('CONFIG_INVALID');
    expect((error as HamgamError).message).toContain(problem);
  });

  it('never puts the secret in an error', () => {
    try {
      parseS3BlobUrl('http://key:VerySecret@host:9000/UPPER');
    } catch (e) {
      expect(JSON.stringify({ m: (e as HamgamError).message, d: (e as HamgamError).details })).not.toContain(
        'VerySecret',
      );
    }
  });
});

describe('redactBlobUrl', () => {
  it('masks the secret and leaves file URLs alone', () => {
    expect(redactBlobUrl('http://minioadmin:minioadmin@minio:9000/hamgam')).toBe(
      'http://minioadmin:***@minio:9000/hamgam',
    );
    expect(redactBlobUrl('file:./data/blobs')).toBe('file:./data/blobs');
  });
});
