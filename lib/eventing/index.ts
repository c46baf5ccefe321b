// Knative Eventing: brokers, triggers, flows, JobSink, EventPolicy, the sources, and the app-wide rules.
import type { RegistryPart } from '../settings/validation';
import { EVENTING_APP_VALIDATOR } from './app-rules';
import { APISERVER_RBAC, APISERVER_SOURCE_VALIDATOR } from './sources/apiserver-validator';
import { KAFKA_SOURCE_VALIDATORS } from './sources/kafka-validator';
import { PING_SOURCE_VALIDATORS } from './sources/ping-validator';
import { EVENTING_VALIDATORS } from './validators';

export const EVENTING: RegistryPart = {
  validators: [...KAFKA_SOURCE_VALIDATORS, ...PING_SOURCE_VALIDATORS, APISERVER_SOURCE_VALIDATOR, ...EVENTING_VALIDATORS],
  crossObject: [EVENTING_APP_VALIDATOR, APISERVER_RBAC],
};
