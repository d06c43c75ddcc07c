import type { SimResponse } from '../sim-server';
import { deriveObjectId } from './app-registration';
import { GRAPH_ERRORS, graphError } from './graph-errors';
import type { GraphObject } from './odata-select';
import { parseSelect, project, unknownProperty } from './odata-select';
import { canRead } from './permissions';
import type { RouteContext } from './route-context';
import { metadataContext } from './route-context';

const APPLICATION_PROPERTIES = ['id', 'appId', 'displayName', 'passwordCredentials', 'keyCredentials'];

/** The app's own registration, with its one secret described as Graph does (hint = first 3 characters). */
function applicationResource(context: RouteContext): GraphObject {
  const { app } = context;
  const secret = app.clientSecret;
  return {
    id: app.objectId,
    appId: app.clientId,
    displayName: 'Entra Sync for Jira',
    keyCredentials: [],
    passwordCredentials:
      secret === undefined
        ? []
        : [
            {
              displayName: 'Entra Sync for Jira',
              endDateTime: app.secretEndDateTime,
              hint: secret.slice(0, 3),
              keyId: deriveObjectId(`secret:${app.clientId}`),
              secretText: null,
              startDateTime: '2024-01-01T00:00:00Z',
            },
          ],
  };
}

/** GET /v1.0/applications(appId='{appId}') or /v1.0/applications/{objectId}: needs Application.Read.All. */
export function getApplication(context: RouteContext, key: { appId?: string; objectId?: string }): SimResponse {
  if (!canRead(context.roles, 'applications')) return GRAPH_ERRORS.forbidden();
  const resource = applicationResource(context);
  const found =
    key.appId !== undefined
      ? key.appId.toLowerCase() === context.app.clientId.toLowerCase()
      : key.objectId?.toLowerCase() === context.app.objectId;
  if (!found) return GRAPH_ERRORS.notFound(key.appId ?? key.objectId ?? '');
  const selected = parseSelect(context.request.query);
  const unknown = unknownProperty(selected, APPLICATION_PROPERTIES);
  if (unknown)
    return graphError(
      400,
      'BadRequest',
      `Could not find a property named '${unknown}' on type 'microsoft.graph.application'.`,
    );
  return {
    status: 200,
    body: {
      '@odata.context': metadataContext(context, 'applications/$entity'),
      ...project(resource, selected ?? APPLICATION_PROPERTIES, APPLICATION_PROPERTIES),
    },
  };
}
