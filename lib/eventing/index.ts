// Knative Eventing: brokers, triggers, flows, JobSink, EventPolicy, the sources, and the app-wide rules.
import type { RegistryPart } from '../settings/validation';
import { EVENTING_APP_VALIDATOR, KAFKA_CONSUMER_GROUPS } from './app-rules';
import { BROKER_VALIDATOR } from './broker.validator';
import { EVENT_POLICY_VALIDATOR } from './event-policy.validator';
import { JOB_SINK_VALIDATOR } from './job-sink.validator';
import { PARALLEL_VALIDATOR } from './parallel.validator';
import { SEQUENCE_VALIDATOR } from './sequence.validator';
import { APISERVER_RBAC, APISERVER_SOURCE_VALIDATOR } from './sources/apiserver-source.validator';
import { KAFKA_SOURCE_VALIDATORS } from './sources/kafka-source.validator';
import { PING_SOURCE_VALIDATORS } from './sources/ping-source.validator';
import { SINK_BINDING_SUBJECTS, SINK_BINDING_VALIDATOR } from './sources/sink-binding.validator';
import { TRIGGER_VALIDATOR } from './trigger.validator';

export const EVENTING: RegistryPart = {
  validators: [
    ...KAFKA_SOURCE_VALIDATORS, ...PING_SOURCE_VALIDATORS, APISERVER_SOURCE_VALIDATOR, SINK_BINDING_VALIDATOR,
    BROKER_VALIDATOR, TRIGGER_VALIDATOR, SEQUENCE_VALIDATOR, PARALLEL_VALIDATOR, JOB_SINK_VALIDATOR, EVENT_POLICY_VALIDATOR,
  ],
  crossObject: [EVENTING_APP_VALIDATOR, APISERVER_RBAC, KAFKA_CONSUMER_GROUPS, SINK_BINDING_SUBJECTS],
};
