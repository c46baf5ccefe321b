// Knative Serving: the kinds this domain validates.
import type { RegistryPart } from '../settings/validation';
import { KNATIVE_SERVICE_VALIDATOR } from './agent-knative-service.validator';
import { CONFIGURATION_VALIDATOR } from './configuration.validator';
import { DOMAIN_MAPPING_VALIDATOR } from './domain-mapping.validator';
import { REVISION_VALIDATOR } from './revision.validator';
import { MCP_SERVER_CHECK } from './mcp-server.validator';
import { ROUTE_VALIDATOR } from './route.validator';

export const SERVING: RegistryPart = {
  validators: [KNATIVE_SERVICE_VALIDATOR, CONFIGURATION_VALIDATOR, ROUTE_VALIDATOR, REVISION_VALIDATOR, DOMAIN_MAPPING_VALIDATOR],
  // A Service that declares itself an MCP server: its sessions and scaling.
  everyObject: [MCP_SERVER_CHECK],
};
