import type { KeyValueStore } from '../../src/ports/key-value-store';
import type { PlatformBudgets } from './platform-budgets';

// KVS queries return at most 20 results a page (forge-platform.md §4.2).
const MAX_QUERY_LIMIT = 20;
const TTL_SECONDS: Record<string, number> = { SECONDS: 1, MINUTES: 60, HOURS: 3_600, DAYS: 86_400 };

interface KvsRequest {
  key?: string;
  value?: unknown;
  options?: { ttl?: { value: number; unit: string }; keyPolicy?: string };
  limit?: number;
  after?: string;
  where?: Array<{ property: string; condition: string; values: unknown[] }>;
}

const WRITES = new Set(['/api/v1/set', '/api/v1/secret/set', '/api/v1/delete', '/api/v1/secret/delete']);
const SETS = new Set(['/api/v1/set', '/api/v1/secret/set']);
// KVS's value limits (forge-platform.md §4.3): 240 KiB a value, objects nested at most 31 deep.
const MAX_VALUE_BYTES = 240 * 1024;
const MAX_DEPTH = 31;

/**
 * The KVS REST API that @forge/kvs calls through `__forge_fetch__({type: 'kvs'})`, over the local
 * store: values, secrets, TTL, FAIL_IF_EXISTS and key-prefix queries. Anything else (entities,
 * transactions, batches) is refused loudly, as the app does not use it. Each request is charged
 * to the installation's KVS budget (reads by the bytes answered, writes by the bytes stored) and
 * refused with KVS's 429 once the minute's units or the key's bytes per second are spent.
 */
export async function serveKvs(
  store: KeyValueStore,
  path: string,
  init: RequestInit | undefined,
  budgets?: PlatformBudgets,
): Promise<Response> {
  let request: KvsRequest;
  try {
    request = JSON.parse(String(init?.body ?? '{}')) as KvsRequest;
  } catch {
    return kvsError(400, 'BAD_REQUEST', 'The request body is not JSON');
  }
  const key = String(request.key ?? request.where?.[0]?.values[0] ?? '');
  const write = WRITES.has(path);
  const writeBytes = write ? Buffer.byteLength(JSON.stringify(request.value ?? null)) : null;
  if (SETS.has(path)) {
    const invalid = invalidValue(request.value, writeBytes ?? 0, budgets?.kvsValueBytes ?? MAX_VALUE_BYTES);
    if (invalid) return invalid;
  }
  const refused = budgets?.kvsAdmit(key, writeBytes);
  if (refused) return refused;
  const response = await serve(store, path, request);
  budgets?.kvsCharge(key, writeBytes ?? Buffer.byteLength(await response.clone().text()), write);
  return response;
}

/**
 * KVS answers a value over its limits with a 400 and a code (MAX_SIZE, MAX_DEPTH), before storing
 * or charging anything: https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs
 * ("Each 400 Bad Request response will be accompanied by an error code"; the same page's quota
 * paragraph mentions 429 RATE_LIMIT_EXCEEDED for limits, but a 429 invites a retry that can never
 * succeed, so the stricter, final 400 is modelled). The size is the value's JSON in UTF-8 bytes.
 */
function invalidValue(value: unknown, bytes: number, maxBytes: number): Response | null {
  if (bytes > maxBytes)
    return kvsError(
      400,
      'MAX_SIZE',
      `The provided value has exceeded the maximum size limit (${bytes} > ${maxBytes} bytes)`,
    );
  if (depthOf(value) > MAX_DEPTH)
    return kvsError(400, 'MAX_DEPTH', `The provided value has exceeded the maximum depth of ${MAX_DEPTH}`);
  return null;
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}

async function serve(store: KeyValueStore, path: string, request: KvsRequest): Promise<Response> {
  const key = String(request.key ?? '');
  try {
    switch (path) {
      case '/api/v1/get':
      case '/api/v1/secret/get': {
        const value = path === '/api/v1/get' ? await store.get(key) : await store.getSecret(key);
        return value === undefined
          ? kvsError(404, 'KEY_NOT_FOUND', `The key ${key} was not found`)
          : json(200, { key, value });
      }
      case '/api/v1/set': {
        const ttl = request.options?.ttl;
        const options = ttl ? { ttlSeconds: ttl.value * (TTL_SECONDS[ttl.unit] ?? Number.NaN) } : undefined;
        if (options && !(options.ttlSeconds > 0))
          return kvsError(400, 'INVALID_TTL', `Invalid ttl ${JSON.stringify(ttl)}`);
        if (request.options?.keyPolicy === 'FAIL_IF_EXISTS') {
          const stored = await store.setIfAbsent(key, request.value, options);
          return stored ? empty() : kvsError(409, 'KEY_ALREADY_EXISTS', `The key ${key} already exists`);
        }
        await store.set(key, request.value, options);
        return empty();
      }
      case '/api/v1/secret/set':
        if (typeof request.value !== 'string')
          return kvsError(400, 'BAD_REQUEST', 'This store keeps string secrets only');
        await store.setSecret(key, request.value);
        return empty();
      case '/api/v1/delete':
        await store.delete(key);
        return empty();
      case '/api/v1/secret/delete':
        await store.deleteSecret(key);
        return empty();
      case '/api/v1/query':
        return await query(store, request);
      default:
        return kvsError(501, 'NOT_IMPLEMENTED', `The local runtime does not emulate KVS ${path}`);
    }
  } catch (error) {
    return kvsError(500, 'INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : String(error));
  }
}

async function query(store: KeyValueStore, request: KvsRequest): Promise<Response> {
  const where = request.where ?? [];
  const condition = where[0];
  if (where.length > 1 || (condition && (condition.property !== 'key' || condition.condition !== 'BEGINS_WITH'))) {
    return kvsError(400, 'INVALID_WHERE', 'Only one where condition, key BEGINS_WITH, is supported');
  }
  const limit = request.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT)
    return kvsError(400, 'INVALID_LIMIT', `limit must be 1..${MAX_QUERY_LIMIT}`);
  const after = request.after ? Buffer.from(request.after, 'base64url').toString('utf8') : '';
  const keys = (await store.listKeys(String(condition?.values[0] ?? ''))).filter((k) => k > after);
  const page = keys.slice(0, limit);
  const data = [];
  for (const key of page) data.push({ key, value: await store.get(key) });
  return json(200, {
    data,
    ...(keys.length > limit ? { cursor: Buffer.from(page[page.length - 1] as string).toString('base64url') } : {}),
  });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function empty(): Response {
  return new Response(null, { status: 204 });
}

function kvsError(status: number, code: string, message: string): Response {
  return json(status, { code, message });
}
