import { HamgamError } from '../errors.js';

/** Where the S3 driver connects, parsed from `http(s)://ACCESS_KEY:SECRET@host:port/bucket[?region=..]`. */
export interface S3Target {
  endPoint: string;
  port: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
}

// S3 bucket naming rules (lower-case, digits, dots, hyphens; 3..63; starts and ends alphanumeric).
const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function invalid(problem: string): HamgamError {
  // Never echo the URL back: it carries the secret key.
  return new HamgamError('CONFIG_INVALID', `HAMGAM_BLOB: ${problem}`, [
    { key: 'blob', env: 'HAMGAM_BLOB', problem },
  ]);
}

export function parseS3BlobUrl(url: string): S3Target {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw invalid('not a URL (expected http(s)://ACCESS_KEY:SECRET@host:port/bucket)');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw invalid('scheme must be http or https');
  if (!u.username || !u.password)
    throw invalid('access key and secret are missing (http://ACCESS_KEY:SECRET@host/bucket)');
  const path = u.pathname.replace(/^\/+|\/+$/g, '');
  if (!path) throw invalid('bucket name is missing (http://ACCESS_KEY:SECRET@host:port/bucket)');
  if (path.includes('/')) throw invalid('the path must be just the bucket name');
  if (!bucketPattern.test(path)) throw invalid(`"${path}" is not a valid bucket name`);
  const useSSL = u.protocol === 'https:';
  return {
    endPoint: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: decodeURIComponent(u.username),
    secretKey: decodeURIComponent(u.password),
    bucket: path,
    region: u.searchParams.get('region') || 'us-east-1',
  };
}

/** The URL with the secret masked, for log lines and error details. */
export function redactBlobUrl(url: string): string {
  if (url.startsWith('file:')) return url; // a folder carries no secret, and URL() would mangle ./relative
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '[unparseable blob url]';
  }
}
