import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The OpenAPI subset the Jira contract tests hold the adapter and simulator against. */
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  'x-atlassian-oauth2-scopes'?: Array<{ scheme: string; scopes: string[]; state: string }>;
}
interface Document {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
}

export const JIRA_SUBSET: Document = JSON.parse(
  readFileSync(path.join(__dirname, 'jira-platform-subset.json'), 'utf8'),
) as Document;

export interface DocumentedOperation {
  key: string;
  method: string;
  path: string;
  operation: Operation;
}

export function documentedOperations(): DocumentedOperation[] {
  return Object.entries(JIRA_SUBSET.paths).flatMap(([route, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${route}`,
      method: method.toUpperCase(),
      path: route,
      operation,
    })),
  );
}

/** The documented operation for a method and site-relative path (query ignored), if any. */
export function findOperation(method: string, pathname: string): DocumentedOperation | undefined {
  return documentedOperations().find((o) => o.method === method.toUpperCase() && o.path === pathname);
}

/**
 * Operation (`METHOD /path`) → every scope `x-atlassian-oauth2-scopes` lists for it, classic
 * ("Current") and granular ("Beta") alike. A manifest needs at least one of them per operation.
 */
export const JIRA_OPERATION_SCOPES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  documentedOperations().map((o) => [
    o.key,
    [...new Set((o.operation['x-atlassian-oauth2-scopes'] ?? []).flatMap((s) => s.scopes))],
  ]),
);

/** The same, grouped as the document groups them (each group is one way to be authorised). */
export const JIRA_OPERATION_SCOPE_SETS: Readonly<
  Record<string, ReadonlyArray<{ state: string; scopes: readonly string[] }>>
> = Object.fromEntries(
  documentedOperations().map((o) => [
    o.key,
    (o.operation['x-atlassian-oauth2-scopes'] ?? []).map((s) => ({ state: s.state, scopes: s.scopes })),
  ]),
);

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(JIRA_SUBSET as object, 'jira');

function compileAt(pointer: string): ValidateFunction {
  return ajv.getSchema(`jira#${pointer}`) ?? ajv.compile({ $ref: `jira#${pointer}` });
}

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Validator of the documented JSON response body for a status, or undefined when none is documented. */
export function responseValidator(op: DocumentedOperation, status: number): ValidateFunction | undefined {
  if (!op.operation.responses[String(status)]?.content?.['application/json']?.schema) return undefined;
  return compileAt(
    `/paths/${escapePointer(op.path)}/${op.method.toLowerCase()}/responses/${status}/content/application~1json/schema`,
  );
}

/** Validator of the documented JSON request body, or undefined when the operation takes none. */
export function requestBodyValidator(op: DocumentedOperation): ValidateFunction | undefined {
  if (!op.operation.requestBody?.content?.['application/json']?.schema) return undefined;
  return compileAt(
    `/paths/${escapePointer(op.path)}/${op.method.toLowerCase()}/requestBody/content/application~1json/schema`,
  );
}

/** Validator for a named component schema. */
export function componentValidator(name: string): ValidateFunction {
  return compileAt(`/components/schemas/${name}`);
}
