/**
 * The part of autocannon's API the storefront benchmark uses. Declared here rather than taken from
 * @types/autocannon so type-checking never depends on a benchmark-only package being installed.
 */
declare module 'autocannon' {
  interface RequestParams {
    path?: string;
    method?: string;
    headers?: Record<string, string>;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    requests?: { setupRequest?: (req: RequestParams) => RequestParams }[];
  }
  interface Histogram {
    average: number;
    p99: number;
    /** Count over the whole run (requests: how many were answered). */
    total: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    non2xx: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
