export interface ApiRequest {
  method?: string;
  token?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answered
  body: any;
  headers: Headers;
}

export type ApiClient = (path: string, init?: ApiRequest) => Promise<ApiResponse>;

/** fetch against a Looply base URL: JSON in and out, a bearer token when given. */
export function createApiClient(baseUrl: string): ApiClient {
  return async (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(`${baseUrl}${path}`, { method: init.method ?? 'GET', headers, body: body ?? null });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };
}
