/**
 * RFC 9457 problem details: the body of every 4xx/5xx the API answers, whether a function or the
 * gateway wrote it (docs/api.md, "Errors").
 */

export const problemTypeUri = (slug: string): string => `urn:ordersaga:problem:${slug}`;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The most a problem says, in characters (and field errors): a detail or a field error may quote what
 * the client sent (an unknown member's name, a path), and the answer must stay bounded whatever that
 * was. `instance` is the request path, which API Gateway bounds with the URL (10240 characters for a
 * regional API, "Quotas for configuring and running a REST API in API Gateway").
 */
export const PROBLEM_LIMITS = { type: 100, title: 100, detail: 2000, instance: 10240, errors: 100, errorPath: 1024, errorMessage: 1000 } as const;
