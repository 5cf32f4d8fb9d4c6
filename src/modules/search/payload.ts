/** Reads event payloads defensively: events of other modules may gain fields, and a malformed one is skipped. */
export type Payload = Record<string, unknown>;

export function asPayload(data: unknown): Payload {
  return typeof data === 'object' && data !== null ? (data as Payload) : {};
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidField(data: Payload, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

export function textField(data: Payload, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' ? value : null;
}

export function boolField(data: Payload, key: string): boolean | null {
  const value = data[key];
  return typeof value === 'boolean' ? value : null;
}

export function textList(data: Payload, key: string): string[] {
  const value = data[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function numberField(data: Payload, key: string): number | null {
  const value = data[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
