// The registry: the one file that knows every domain. Validation is handed it
// from the top (lib/validation.ts); nothing below imports this file.
import { BATCH } from './batch';
import { DUPLICATE_NAMES } from './engine/cross-object';
import { ValidatorRegistry } from './engine/engine';
import { DEPLOYMENTS } from './deployments';
import { EVENTING } from './eventing';
import { GITOPS } from './gitops';
import { NETWORK } from './network';
import { RBAC } from './rbac';
import { OBSERVABILITY } from './observability';
import { KUBERNETES } from './pod';
import { SECRETS } from './secrets';
import { SERVING } from './serving';
import { SETTINGS } from './settings';
import { STORAGE } from './storage';
import { ClusterSettings } from './settings/settings';
import { WORKERS } from './workers';

/** Every domain's validators, cross-object checks and rules, in catalogue order. */
export const REGISTRY = new ValidatorRegistry<ClusterSettings>([
  SERVING,
  KUBERNETES,
  DEPLOYMENTS,
  BATCH,
  RBAC,
  STORAGE,
  SECRETS,
  NETWORK,
  WORKERS,
  EVENTING,
  GITOPS,
  OBSERVABILITY,
  { crossObject: [DUPLICATE_NAMES] },
  SETTINGS,
]);
