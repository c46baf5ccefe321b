// Rule cases for triggers and scaler metadata (KEDA-TRIGGER-*), which KEDA
// itself only parses at reconcile.
import { Cron } from 'cdk8s';
import {
  AgentSecrets, KafkaSaslMechanism, KafkaSaslTokenProvider, PodIdentity, PrometheusAuthMode, RabbitMQMode, RedisMode, ScaleTrigger, TemporalQueueType, TriggerAuth,
} from '../../lib';
import { RuleCases } from '../support/rule-cases';
import { job, JOB_PATH, KAFKA, kafkaTrigger, scaledJob, scaledObject, secretRefs, SO_PATH, trigger, triggerAuthentication, worker } from './fixtures';

const md = (i: number, key: string) => `spec.triggers[${i}].metadata.${key}`;
const so = (...triggers: Record<string, unknown>[]) => scaledObject({ triggers });
const RABBIT = { queueName: 'tasks', host: 'amqp://rabbitmq.data:5672/' };
/** A ScaledObject whose TriggerAuthentication lives elsewhere (declared external). */
const soExt = (auth: string, ...triggers: Record<string, unknown>[]) => scaledObject({ triggers }, { annotations: { 'agents.cdk8s.io/external-refs': `TriggerAuthentication/${auth}` } });
const PROM = { serverAddress: 'http://prometheus.monitoring:9090', query: 'sum(agent_backlog)' };
const CASSANDRA = { username: 'u', keyspace: 'k', query: 'select count(*) from t', targetQueryValue: '5' };
const NATS = { natsServerMonitoringEndpoint: 'nats.data:8222', stream: 's', consumer: 'c' };
const SUMO_LOGS = { host: 'https://api.sumologic.com', queryType: 'logs', query: '_sourceCategory=app | count', timerange: '5m', threshold: '5' };
const AZ_WORKLOAD = triggerAuthentication({ podIdentity: { provider: 'azure-workload' } }, 'az');
const AZ_MONITOR = { resourceURI: 'Microsoft.ContainerService/managedClusters/aks', tenantId: 't', subscriptionId: 's', resourceGroupName: 'rg', metricName: 'm', metricAggregationType: 'Average', targetValue: '5' };
const AZ_INSIGHTS = { metricId: 'requests/count', metricAggregationTimespan: '0:5', metricAggregationType: 'avg', applicationInsightsId: 'id', tenantId: 't', targetValue: '5' };
const SOLACE = { solaceSempBaseURL: 'http://solace.data:8080', messageVpn: 'vpn', queueName: 'q' };
const SOLACE_DM = { solaceSempBaseURL: 'http://solace.data:8080', messageVpn: 'vpn', clientNamePattern: 'worker', aggregatedClientTxMsgRateTarget: '100' };
const DYNAMO_UNTARGETED = { tableName: 't', awsRegion: 'eu-west-1', keyConditionExpression: '#k = :v', expressionAttributeNames: '{"#k": "status"}', expressionAttributeValues: '{":v": {"S": "pending"}}' };
const DYNAMO = { ...DYNAMO_UNTARGETED, targetValue: '5' };
const CLOUDWATCH = { namespace: 'AWS/SQS', metricName: 'depth', dimensionName: 'QueueName', dimensionValue: 'q', targetMetricValue: '5', minMetricValue: '0', awsRegion: 'eu-west-1' };
const FORECAST = { addresses: 'http://es:9200', jobID: 'j', targetValue: '5' };
const APACHE_KAFKA = { bootstrapServers: 'kafka:9092', consumerGroup: 'g', topic: 't' };
const STACKDRIVER = { projectId: 'p', filter: 'metric.type="x"', targetValue: '5', alignmentPeriodSeconds: '60', credentialsFromEnv: 'GCP_CREDS' };
const PREDICTKUBE = { prometheusAddress: 'http://prometheus.monitoring:9090', query: 'sum(agent_backlog)', predictHorizon: '2h', queryStep: '2m', historyTimeWindow: '7d', threshold: '5' };

export const CASES: RuleCases = {
  triggers: [
    // 001 unknown type
    { id: 'KEDA-TRIGGER-001', name: 'the trigger type is misspelled', build: (c) => worker(c, { triggers: [ScaleTrigger.custom('kafak', {})] }), path: SO_PATH, field: 'spec.triggers[0].type', value: '"kafak"' },
    { id: 'KEDA-TRIGGER-001', name: 'the trigger type is unknown (YAML)', manifests: [so(trigger('rabbit', { queueName: 'q' }))], field: 'spec.triggers[0].type', value: '"rabbit"' },
    // 002 required
    {
      id: 'KEDA-TRIGGER-002', name: 'a prometheus trigger has no threshold',
      build: (c) => worker(c, { triggers: [ScaleTrigger.custom('prometheus', PROM)] }), path: SO_PATH, field: md(0, 'threshold'), value: '(unset)',
    },
    { id: 'KEDA-TRIGGER-002', name: 'a kafka trigger has no consumerGroup (YAML)', manifests: [so(trigger('kafka', { bootstrapServers: 'kafka:9092', topic: 't' }))], field: md(0, 'consumerGroup'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-002', name: 'a redis list has no address', build: (c) => worker(c, { triggers: [ScaleTrigger.redisList({ listName: 'tasks' })] }), path: SO_PATH, field: md(0, 'address'), value: '(unset)' },
    {
      id: 'KEDA-TRIGGER-002', name: 'an SQS trigger has no awsRegion in metadata nor in its TriggerAuthentication (YAML)',
      manifests: [
        so(trigger('aws-sqs-queue', { queueURL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/tasks' }, { authenticationRef: { name: 'aws' } })),
        triggerAuthentication({ podIdentity: { provider: 'aws' } }, 'aws'),
      ],
      field: md(0, 'awsRegion'), value: '(unset)',
    },
    { id: 'KEDA-TRIGGER-002', name: 'a cron trigger on a ScaledJob has no timezone (YAML)', manifests: [scaledJob({ triggers: [trigger('cron', { start: '0 8 * * *', end: '0 9 * * *', desiredReplicas: '1' })] })], field: md(0, 'timezone'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-002', name: 'a redis-streams trigger has no address (YAML)', manifests: [so(trigger('redis-streams', { stream: 's', consumerGroup: 'g' }))], field: md(0, 'address'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-002', name: 'an activemq trigger has no username in metadata, env or TriggerAuthentication (YAML, generated table)', manifests: [so(trigger('activemq', { managementEndpoint: 'activemq:8161', destinationName: 'q', brokerName: 'b', password: 'p' }))], field: md(0, 'username'), value: '(unset)', also: ['KEDA-TRIGGER-012'] },
    { id: 'KEDA-TRIGGER-002', name: 'a kubernetes-resource trigger has no targetValue (YAML, generated table)', manifests: [so(trigger('kubernetes-resource', { resourceKind: 'ConfigMap', resourceName: 'queue', key: 'depth' }))], field: md(0, 'targetValue'), value: '(unset)' },
    // 003 value
    {
      id: 'KEDA-TRIGGER-003', name: 'offsetResetPolicy is not latest or earliest',
      build: (c) => worker(c, { triggers: [ScaleTrigger.custom('kafka', { bootstrapServers: 'kafka:9092', consumerGroup: 'g', topic: 't', offsetResetPolicy: 'oldest' })] }),
      path: SO_PATH, field: md(0, 'offsetResetPolicy'), value: '"oldest"',
    },
    { id: 'KEDA-TRIGGER-003', name: 'lagThreshold is not a number (YAML)', manifests: [so(kafkaTrigger({ lagThreshold: 'ten' }))], field: md(0, 'lagThreshold'), value: '"ten"' },
    { id: 'KEDA-TRIGGER-003', name: 'allowIdleConsumers is "yes" (YAML)', manifests: [so(kafkaTrigger({ allowIdleConsumers: 'yes' }))], field: md(0, 'allowIdleConsumers'), value: '"yes"' },
    { id: 'KEDA-TRIGGER-003', name: 'partitionLimitation is not a list of partitions (YAML)', manifests: [so(kafkaTrigger({ partitionLimitation: '1,,3' }))], field: md(0, 'partitionLimitation'), value: '"1,,3"' },
    {
      id: 'KEDA-TRIGGER-003', name: 'the SQS queue URL has no account in its path',
      build: (c) => worker(c, { triggers: [ScaleTrigger.awsSqsQueue({ queueURL: 'https://sqs.eu-west-1.amazonaws.com/tasks', awsRegion: 'eu-west-1', auth: TriggerAuth.fromPodIdentity(PodIdentity.aws()) })] }),
      path: SO_PATH, field: md(0, 'queueURL'), value: '"https://sqs.eu-west-1.amazonaws.com/tasks"',
    },
    { id: 'KEDA-TRIGGER-003', name: 'the rabbitmq mode is unknown (YAML)', manifests: [so(trigger('rabbitmq', { ...RABBIT, mode: 'Length', value: '5' }))], field: md(0, 'mode'), value: '"Length"' },
    { id: 'KEDA-TRIGGER-003', name: 'the rabbitmq pageSize is 0 (YAML)', manifests: [so(trigger('rabbitmq', { ...RABBIT, pageSize: '0' }))], field: md(0, 'pageSize'), value: '"0"' },
    { id: 'KEDA-TRIGGER-003', name: 'a temporal queue type is unknown (YAML)', manifests: [so(trigger('temporal', { endpoint: 'temporal:7233', taskQueue: 'q', queueTypes: 'workflow,job' }))], field: md(0, 'queueTypes'), value: '"workflow,job"' },
    { id: 'KEDA-TRIGGER-003', name: 'a prometheus timeout is negative (YAML)', manifests: [so(trigger('prometheus', { ...PROM, threshold: '5', timeout: '-1s' }))], field: md(0, 'timeout'), value: '"-1s"' },
    { id: 'KEDA-TRIGGER-003', name: 'a cpu AverageValue is not a quantity (YAML)', manifests: [scaledObject({ minReplicaCount: 1, triggers: [trigger('cpu', { value: 'half' }, { metricType: 'AverageValue' })] })], field: md(0, 'value'), value: '"half"' },
    { id: 'KEDA-TRIGGER-003', name: 'an int parameter written as a decimal (lagThreshold "10.5", YAML)', manifests: [so(kafkaTrigger({ lagThreshold: '10.5' }))], field: md(0, 'lagThreshold'), value: '"10.5"' },
    // Found by the scalers oracle (npm run oracle -- --scalers): checks of KEDA's code outside the typed config.
    { id: 'KEDA-TRIGGER-003', name: 'a kafka version sarama does not parse ("2.8", YAML)', manifests: [so(kafkaTrigger({ version: '2.8' }))], field: md(0, 'version'), value: '"2.8"' },
    { id: 'KEDA-TRIGGER-003', name: 'a redis enableTLS that is not a Go boolean ("yes", YAML)', manifests: [so(trigger('redis', { address: 'redis:6379', listName: 'l', enableTLS: 'yes' }))], field: md(0, 'enableTLS'), value: '"yes"' },
    { id: 'KEDA-TRIGGER-003', name: 'a rabbitmq protocol that is not amqp, http or auto ("https", YAML)', manifests: [so(trigger('rabbitmq', { ...RABBIT, protocol: 'https' }))], field: md(0, 'protocol'), value: '"https"' },
    { id: 'KEDA-TRIGGER-007', name: 'an azure-queue trigger without pod identity has no connection (YAML)', manifests: [so(trigger('azure-queue', { queueName: 'q', accountName: 'acct' }))], field: 'spec.triggers[0].metadata', value: '["connection"]' },
    {
      id: 'KEDA-TRIGGER-002', name: 'an azure-servicebus trigger with azure-workload identity has no namespace (YAML)',
      manifests: [so(trigger('azure-servicebus', { queueName: 'q' }, { authenticationRef: { name: 'az' } })), triggerAuthentication({ podIdentity: { provider: 'azure-workload' } }, 'az')],
      field: md(0, 'namespace'), value: '(unset)',
    },
    { id: 'KEDA-TRIGGER-006', name: 'an azure-servicebus queue with a subscription name (YAML)', manifests: [soExt('sb', trigger('azure-servicebus', { queueName: 'q', subscriptionName: 's' }, { authenticationRef: { name: 'sb' } }))], field: md(0, 'subscriptionName'), value: '"s"' },
    { id: 'KEDA-TRIGGER-002', name: 'an azure-servicebus topic without its subscription (YAML)', manifests: [soExt('sb', trigger('azure-servicebus', { topicName: 't' }, { authenticationRef: { name: 'sb' } }))], field: md(0, 'subscriptionName'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-007', name: 'a gcp-storage trigger without pod identity or credentials (YAML)', manifests: [so(trigger('gcp-storage', { bucketName: 'b' }))], field: 'spec.triggers[0].metadata', value: '(unset)' },
    { id: 'KEDA-TRIGGER-002', name: 'a gcp-pubsub trigger with neither subscription nor topic (YAML)', manifests: [so(trigger('gcp-pubsub', { credentialsFromEnv: 'GCP_CREDS' }))], field: md(0, 'subscriptionName'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-006', name: 'a gcp-pubsub trigger with both subscription and topic (YAML)', manifests: [so(trigger('gcp-pubsub', { subscriptionName: 's', topicName: 't', credentialsFromEnv: 'GCP_CREDS' }))], field: md(0, 'topicName'), value: '"t"' },
    { id: 'KEDA-TRIGGER-004', name: 'a postgresql trigger without targetQueryValue (YAML)', manifests: [soExt('pg', trigger('postgresql', { query: 'select 1', host: 'pg', port: '5432', userName: 'u', dbName: 'd', sslmode: 'disable' }, { authenticationRef: { name: 'pg' } }))], field: md(0, 'targetQueryValue'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-004', name: 'a metrics-api targetValue of 0 (YAML)', manifests: [so(trigger('metrics-api', { url: 'http://api/metrics', valueLocation: 'depth', targetValue: '0' }))], field: md(0, 'targetValue'), value: '"0"' },
    { id: 'KEDA-TRIGGER-002', name: 'a postgresql trigger with neither connection nor host (YAML)', manifests: [so(trigger('postgresql', { query: 'select 1', targetQueryValue: '5', port: '5432', userName: 'u', dbName: 'd', sslmode: 'disable' }))], field: md(0, 'host'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-007', name: 'elasticsearch addresses without a password (YAML)', manifests: [so(trigger('elasticsearch', { addresses: 'http://es:9200', username: 'u', index: 'i', searchTemplateName: 't', valueLocation: 'hits.total', targetValue: '5' }))], field: 'spec.triggers[0].metadata', value: '["password"]' },
    { id: 'KEDA-TRIGGER-006', name: 'an opensearch trigger with both a query and a search template (YAML)', manifests: [soExt('os', trigger('opensearch', { addresses: 'http://os:9200', index: 'i', query: '{}', searchTemplateName: 't', valueLocation: 'hits.total', targetValue: '5' }, { authenticationRef: { name: 'os' } }))], field: md(0, 'query'), value: '"{}"' },
    { id: 'KEDA-TRIGGER-002', name: 'an activemq trigger without brokerName nor restAPITemplate (YAML)', manifests: [soExt('amq', trigger('activemq', { managementEndpoint: 'amq:8161', destinationName: 'q' }, { authenticationRef: { name: 'amq' } }))], field: md(0, 'brokerName'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-002', name: 'an aws-cloudwatch trigger without expression nor dimensions (YAML)', manifests: [soExt('aws', trigger('aws-cloudwatch', { namespace: 'AWS/SQS', metricName: 'm', targetMetricValue: '5', minMetricValue: '0', awsRegion: 'eu-west-1' }, { authenticationRef: { name: 'aws' } }))], field: md(0, 'dimensionName'), value: '(unset)', also: [] },
    { id: 'KEDA-TRIGGER-006', name: 'a dynatrace trigger with both metricSelector and query (YAML)', manifests: [soExt('dt', trigger('dynatrace', { host: 'https://dt', metricSelector: 'm', query: 'q', threshold: '5' }, { authenticationRef: { name: 'dt' } }))], field: md(0, 'query'), value: '"q"' },
    { id: 'KEDA-TRIGGER-002', name: 'an influxdb v2 trigger without organizationName (YAML)', manifests: [so(trigger('influxdb', { serverURL: 'http://influx:8086', query: 'q', thresholdValue: '5' }))], field: md(0, 'organizationName'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-004', name: 'a kubernetes-workload value of 0 (YAML)', manifests: [so(trigger('kubernetes-workload', { podSelector: 'app=backend', value: '0' }))], field: md(0, 'value'), value: '"0"' },
    { id: 'KEDA-TRIGGER-007', name: 'an azure-log-analytics trigger without pod identity or its application credentials (YAML)', manifests: [so(trigger('azure-log-analytics', { workspaceId: 'w', query: 'q', threshold: '5', tenantId: 't', clientId: 'c' }))], field: 'spec.triggers[0].metadata', value: '["clientSecret"]' },
    { id: 'KEDA-TRIGGER-003', name: 'a datadog query without a scope in braces (YAML)', manifests: [soExt('dd', trigger('datadog', { query: 'sum:jobs.pending', queryValue: '10' }, { authenticationRef: { name: 'dd' } }))], field: md(0, 'query'), value: '"sum:jobs.pending"' },
    { id: 'KEDA-TRIGGER-002', name: 'a datadog trigger without queryValue (YAML)', manifests: [soExt('dd', trigger('datadog', { query: 'sum:jobs.pending{service:worker}' }, { authenticationRef: { name: 'dd' } }))], field: md(0, 'queryValue'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-002', name: 'a github-runner GitHub App key without its installationID (YAML)', manifests: [so(trigger('github-runner', { owner: 'acme', runnerScope: 'org', applicationID: '1' }, { authenticationRef: { name: 'gh' } })), triggerAuthentication({ secretTargetRef: secretRefs(['appKey'], 'gh') }, 'gh')], field: md(0, 'installationID'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-007', name: 'an openstack-metric trigger without keystone credentials (YAML)', manifests: [so(trigger('openstack-metric', { metricsURL: 'http://gnocchi', metricID: 'm', aggregationMethod: 'mean', granularity: '300', threshold: '5' }, { authenticationRef: { name: 'os' } })), triggerAuthentication({ secretTargetRef: secretRefs(['authURL'], 'os') }, 'os')], field: 'spec.triggers[0].metadata', value: '["userID","password"]' },
    { id: 'KEDA-TRIGGER-002', name: 'an azure-pipelines trigger without poolName or poolID (YAML)', manifests: [soExt('ado', trigger('azure-pipelines', { organizationURLFromEnv: 'ADO_URL' }, { authenticationRef: { name: 'ado' } }))], field: md(0, 'poolID'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-003', name: 'a float parameter JSON does not read (threshold ".5", YAML)', manifests: [so(trigger('prometheus', { ...PROM, threshold: '.5' }))], field: md(0, 'threshold'), value: '".5"' },
    { id: 'KEDA-TRIGGER-003', name: 'a duration that is neither Go nor milliseconds (metrics-api timeout "30 seconds", YAML)', manifests: [so(trigger('metrics-api', { url: 'http://api/metrics', valueLocation: 'depth', targetValue: '5', timeout: '30 seconds' }))], field: md(0, 'timeout'), value: '"30 seconds"' },
    { id: 'KEDA-TRIGGER-003', name: 'an integer list with a bad range (apache-kafka partitionLimitation "1-a", YAML)', manifests: [so(trigger('apache-kafka', { bootstrapServers: 'kafka:9092', consumerGroup: 'g', topic: 't', partitionLimitation: '1-a' }))], field: md(0, 'partitionLimitation'), value: '"1-a"' },
    { id: 'KEDA-TRIGGER-003', name: 'a map entry without "=" (prometheus customHeaders, YAML)', manifests: [so(trigger('prometheus', { ...PROM, threshold: '5', customHeaders: 'X-Scope-OrgID' }))], field: md(0, 'customHeaders'), value: '"X-Scope-OrgID"' },
    { id: 'KEDA-TRIGGER-003', name: 'a value outside the generated enum (kubernetes-resource valueType, YAML)', manifests: [so(trigger('kubernetes-resource', { resourceKind: 'ConfigMap', resourceName: 'queue', key: 'depth', targetValue: '5', valueType: 'double' }))], field: md(0, 'valueType'), value: '"double"' },
    { id: 'KEDA-TRIGGER-003', name: 'two auth modes of an exclusive set (prometheus authModes "bearer,basic", YAML)', manifests: [soExt('prom', trigger('prometheus', { ...PROM, threshold: '5', authModes: 'bearer,basic' }, { authenticationRef: { name: 'prom' } }))], field: md(0, 'authModes'), value: '"bearer,basic"' },
    // Found by the scalers oracle, second pass (issue 17): parse code outside the typed config.
    { id: 'KEDA-TRIGGER-002', name: 'a cassandra clusterIPAddress without a port, and no port (YAML)', manifests: [soExt('cass', trigger('cassandra', { ...CASSANDRA, clusterIPAddress: 'cassandra.data' }, { authenticationRef: { name: 'cass' } }))], field: md(0, 'port'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-002', name: 'a nats-jetstream trigger without account or accountID (YAML)', manifests: [so(trigger('nats-jetstream', NATS))], field: md(0, 'account'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-002', name: 'a sumologic logs query without resultField (YAML)', manifests: [soExt('sumo', trigger('sumologic', SUMO_LOGS, { authenticationRef: { name: 'sumo' } }))], field: md(0, 'resultField'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-003', name: 'an azure-monitor resourceURI without its three parts (YAML)', manifests: [so(trigger('azure-monitor', { ...AZ_MONITOR, resourceURI: 'aks' }, { authenticationRef: { name: 'az' } })), AZ_WORKLOAD], field: md(0, 'resourceURI'), value: '"aks"' },
    { id: 'KEDA-TRIGGER-003', name: 'an azure-monitor aggregation type azquery does not know ("Avg", YAML)', manifests: [so(trigger('azure-monitor', { ...AZ_MONITOR, metricAggregationType: 'Avg' }, { authenticationRef: { name: 'az' } })), AZ_WORKLOAD], field: md(0, 'metricAggregationType'), value: '"Avg"' },
    { id: 'KEDA-TRIGGER-003', name: 'an azure-app-insights timespan that is not hh:mm ("5m", YAML)', manifests: [so(trigger('azure-app-insights', { ...AZ_INSIGHTS, metricAggregationTimespan: '5m' }, { authenticationRef: { name: 'az' } })), AZ_WORKLOAD], field: md(0, 'metricAggregationTimespan'), value: '"5m"' },
    { id: 'KEDA-TRIGGER-003', name: 'an azure-log-analytics cloud the scaler does not know (AzureGermanCloud, YAML)', manifests: [so(trigger('azure-log-analytics', { workspaceId: 'w', query: 'q', threshold: '5', cloud: 'AzureGermanCloud' }, { authenticationRef: { name: 'az' } })), AZ_WORKLOAD], field: md(0, 'cloud'), value: '"AzureGermanCloud"' },
    { id: 'KEDA-TRIGGER-003', name: 'an ibmmq host Go\'s url.ParseRequestURI refuses (no scheme, YAML)', manifests: [soExt('mq', trigger('ibmmq', { host: 'ibmmq.data/ibmmq/rest', queueName: 'q' }, { authenticationRef: { name: 'mq' } }))], field: md(0, 'host'), value: '"ibmmq.data/ibmmq/rest"' },
    { id: 'KEDA-TRIGGER-003', name: 'an activemq restAPITemplate Go\'s url.ParseRequestURI refuses (YAML)', manifests: [soExt('amq', trigger('activemq', { restAPITemplate: 'activemq.data/api/jolokia' }, { authenticationRef: { name: 'amq' } }))], field: md(0, 'restAPITemplate'), value: '"activemq.data/api/jolokia"' },
    { id: 'KEDA-TRIGGER-004', name: 'a solace-event-queue trigger without any target (YAML)', manifests: [soExt('sol', trigger('solace-event-queue', SOLACE, { authenticationRef: { name: 'sol' } }))], field: md(0, 'messageCountTarget'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-003', name: 'a solace-direct-messaging base URL without http(s):// (YAML)', manifests: [soExt('sol', trigger('solace-direct-messaging', { ...SOLACE_DM, solaceSempBaseURL: 'solace.data:8080' }, { authenticationRef: { name: 'sol' } }))], field: md(0, 'solaceSempBaseURL'), value: '"solace.data:8080"' },
    { id: 'KEDA-TRIGGER-003', name: 'aws-dynamodb attribute values that are not DynamoDB values (YAML)', manifests: [soExt('aws', trigger('aws-dynamodb', { ...DYNAMO, expressionAttributeValues: '{":v": "pending"}' }, { authenticationRef: { name: 'aws' } }))], field: md(0, 'expressionAttributeValues'), value: '"{\\":v\\": \\"pending\\"}"' },
    { id: 'KEDA-TRIGGER-004', name: 'an aws-dynamodb trigger without targetValue (YAML)', manifests: [soExt('aws', trigger('aws-dynamodb', DYNAMO_UNTARGETED, { authenticationRef: { name: 'aws' } }))], field: md(0, 'targetValue'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-007', name: 'a graphite authMode basic without a username (YAML)', manifests: [so(trigger('graphite', { serverAddress: 'http://graphite:8080', query: 'q', queryTime: '-1min', authMode: 'basic' }))], field: 'spec.triggers[0].metadata', value: '["username"]' },
    { id: 'KEDA-TRIGGER-002', name: 'a kubernetes-resource json format without valueLocation (YAML)', manifests: [so(trigger('kubernetes-resource', { resourceKind: 'ConfigMap', resourceName: 'queue', key: 'depth', targetValue: '5', format: 'json' }))], field: md(0, 'valueLocation'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-003', name: 'a kubernetes-workload pod selector labels.Parse refuses ("app in backend", YAML)', manifests: [so(trigger('kubernetes-workload', { podSelector: 'app in backend', value: '1' }))], field: md(0, 'podSelector'), value: '"app in backend"' },
    { id: 'KEDA-TRIGGER-003', name: 'a gcp-storage maxBucketItemsToScan of 0 (YAML)', manifests: [so(trigger('gcp-storage', { bucketName: 'b', maxBucketItemsToScan: '0', credentialsFromEnv: 'GCP_CREDS' }))], field: md(0, 'maxBucketItemsToScan'), value: '"0"' },
    { id: 'KEDA-TRIGGER-003', name: 'a predictkube predictHorizon that is not a duration ("2 hours", YAML)', manifests: [soExt('pk', trigger('predictkube', { ...PREDICTKUBE, predictHorizon: '2 hours' }, { authenticationRef: { name: 'pk' } }))], field: md(0, 'predictHorizon'), value: '"2 hours"' },
    { id: 'KEDA-TRIGGER-004', name: 'a kafka lagThreshold of 0 feeding scalingModifiers: the kafka scaler refuses it anyway (YAML)', manifests: [scaledObject({ advanced: { scalingModifiers: { formula: 'lag', target: '5' } }, triggers: [kafkaTrigger({ lagThreshold: '0' }, { name: 'lag' })] })], field: md(0, 'lagThreshold'), value: '"0"' },
    { id: 'KEDA-TRIGGER-003', name: 'an aws-cloudwatch metricUnit that is not a CloudWatch standard unit ("count", YAML)', manifests: [soExt('aws', trigger('aws-cloudwatch', { ...CLOUDWATCH, metricUnit: 'count' }, { authenticationRef: { name: 'aws' } }))], field: md(0, 'metricUnit'), value: '"count"' },
    { id: 'KEDA-TRIGGER-003', name: 'an aws-cloudwatch metricStatPeriod that is not a CloudWatch period (45, YAML)', manifests: [soExt('aws', trigger('aws-cloudwatch', { ...CLOUDWATCH, metricStatPeriod: '45' }, { authenticationRef: { name: 'aws' } }))], field: md(0, 'metricStatPeriod'), value: '"45"' },
    { id: 'KEDA-TRIGGER-004', name: 'an elastic-forecast targetValue of 0 feeding scalingModifiers: the scaler refuses it anyway (YAML)', manifests: [scaledObject({ advanced: { scalingModifiers: { formula: 'f', target: '5' } }, triggers: [trigger('elastic-forecast', { ...FORECAST, targetValue: '0' }, { name: 'f', authenticationRef: { name: 'es' } })] }, { annotations: { 'agents.cdk8s.io/external-refs': 'TriggerAuthentication/es' } })], field: md(0, 'targetValue'), value: '"0"' },
    { id: 'KEDA-TRIGGER-003', name: 'an elastic-forecast lookAhead of 0 (YAML)', manifests: [soExt('es', trigger('elastic-forecast', { ...FORECAST, lookAhead: '0s' }, { authenticationRef: { name: 'es' } }))], field: md(0, 'lookAhead'), value: '"0s"' },
    { id: 'KEDA-TRIGGER-003', name: 'a predictkube prometheusAddress without a scheme (validator "url", YAML)', manifests: [soExt('pk', trigger('predictkube', { ...PREDICTKUBE, prometheusAddress: 'prometheus.monitoring/api' }, { authenticationRef: { name: 'pk' } }))], field: md(0, 'prometheusAddress'), value: '"prometheus.monitoring/api"' },
    { id: 'KEDA-TRIGGER-007', name: 'apache-kafka sasl plaintext without username and password (YAML)', manifests: [so(trigger('apache-kafka', { ...APACHE_KAFKA, sasl: 'plaintext' }))], field: 'spec.triggers[0].metadata', value: '["username","password"]' },
    { id: 'KEDA-TRIGGER-006', name: 'apache-kafka aws_msk_iam without TLS (YAML)', manifests: [so(trigger('apache-kafka', { ...APACHE_KAFKA, sasl: 'aws_msk_iam', awsRegion: 'eu-west-1' }, { authenticationRef: { name: 'aws' } })), triggerAuthentication({ podIdentity: { provider: 'aws' } }, 'aws')], field: md(0, 'tls'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-007', name: 'apache-kafka aws_msk_iam without AWS credentials or pod identity (YAML)', manifests: [so(trigger('apache-kafka', { ...APACHE_KAFKA, sasl: 'aws_msk_iam', awsRegion: 'eu-west-1', tls: 'enable' }))], field: 'spec.triggers[0].metadata', value: '(unset)' },
    { id: 'KEDA-TRIGGER-003', name: 'an activemq restAPITemplate without the MBean properties KEDA reads (YAML)', manifests: [soExt('amq', trigger('activemq', { restAPITemplate: 'http://activemq.data:8161/api/jolokia/read/QueueSize' }, { authenticationRef: { name: 'amq' } }))], field: md(0, 'restAPITemplate'), value: '"http://activemq.data:8161/api/jolokia/read/QueueSize"' },
    { id: 'KEDA-TRIGGER-004', name: 'an azure-eventhub unprocessedEventThreshold of 0 (YAML)', manifests: [so(trigger('azure-eventhub', { storageConnectionFromEnv: 'SC', connectionFromEnv: 'C', unprocessedEventThreshold: '0' }))], field: md(0, 'unprocessedEventThreshold'), value: '"0"' },
    { id: 'KEDA-TRIGGER-006', name: 'apache-kafka tls in both the metadata and the TriggerAuthentication (YAML)', manifests: [so(trigger('apache-kafka', { ...APACHE_KAFKA, tls: 'enable' }, { authenticationRef: { name: 'kafka' } })), triggerAuthentication({ secretTargetRef: secretRefs(['tls', 'ca'], 'kafka') }, 'kafka')], field: md(0, 'tls'), value: '"enable"' },
    { id: 'KEDA-TRIGGER-004', name: 'an nsq depthThreshold of 0 feeding scalingModifiers: the nsq scaler refuses it anyway (YAML)', manifests: [scaledObject({ advanced: { scalingModifiers: { formula: 'n', target: '5' } }, triggers: [trigger('nsq', { nsqLookupdHTTPAddresses: 'nsqlookupd:4161', topic: 't', channel: 'c', depthThreshold: '0' }, { name: 'n' })] })], field: md(0, 'depthThreshold'), value: '"0"' },
    { id: 'KEDA-TRIGGER-003', name: 'an artemis restApiTemplate whose path Go stores without RawPath (no quotes, YAML)', manifests: [soExt('art', trigger('artemis-queue', { restApiTemplate: 'http://artemis.data/read/artemis:broker=b,address=a,queue=q/MessageCount' }, { authenticationRef: { name: 'art' } }))], field: md(0, 'restApiTemplate'), value: '"http://artemis.data/read/artemis:broker=b,address=a,queue=q/MessageCount"' },
    { id: 'KEDA-TRIGGER-002', name: 'a github-runner GitHub App whose installationID is 0 (YAML)', manifests: [so(trigger('github-runner', { owner: 'acme', runnerScope: 'org', applicationID: '1', installationID: '0' }, { authenticationRef: { name: 'gh' } })), triggerAuthentication({ secretTargetRef: secretRefs(['appKey'], 'gh') }, 'gh')], field: md(0, 'installationID'), value: '"0"' },
    { id: 'KEDA-TRIGGER-003', name: 'redis-cluster addresses whose first entry is empty (",", YAML)', manifests: [so(trigger('redis-cluster', { addresses: ',redis-1.data:6379', listName: 'l' }))], field: md(0, 'addresses'), value: '",redis-1.data:6379"' },
    { id: 'KEDA-TRIGGER-003', name: 'a gcp-stackdriver aligner the client does not know (YAML)', manifests: [so(trigger('gcp-stackdriver', { ...STACKDRIVER, alignmentAligner: 'average' }))], field: md(0, 'alignmentAligner'), value: '"average"', also: ['KEDA-TRIGGER-015'] },
    // near miss of the aligner check (the scaler's deprecation warning is all that fires): aligner and reducer in any case
    { id: 'KEDA-TRIGGER-015', name: 'a gcp-stackdriver aligner and reducer in any case, only deprecated (YAML)', manifests: [so(trigger('gcp-stackdriver', { ...STACKDRIVER, alignmentAligner: 'Delta', alignmentReducer: 'PERCENTILE_95' }))], field: md(0, 'filter'), value: '"metric.type=\\"x\\""' },
    { id: 'KEDA-TRIGGER-003', name: 'an etcd watchProgressNotifyInterval of 0 (YAML)', manifests: [so(trigger('etcd', { endpoints: 'etcd.data:2379', watchKey: 'k', value: '5', watchProgressNotifyInterval: '0' }))], field: md(0, 'watchProgressNotifyInterval'), value: '"0"' },
    { id: 'KEDA-TRIGGER-003', name: 'an elastic-forecast lookAhead in milliseconds that overflows time.Duration (YAML)', manifests: [soExt('es', trigger('elastic-forecast', { ...FORECAST, lookAhead: '9223372036854775807' }, { authenticationRef: { name: 'es' } }))], field: md(0, 'lookAhead'), value: '"9223372036854775807"' },
    { id: 'KEDA-TRIGGER-006', name: 'azure-pipelines jobsToFetch with fetchUnfinishedJobsOnly, even "false" (YAML)', manifests: [soExt('ado', trigger('azure-pipelines', { organizationURLFromEnv: 'ADO_URL', poolName: 'p', jobsToFetch: '100', fetchUnfinishedJobsOnly: 'false' }, { authenticationRef: { name: 'ado' } }))], field: md(0, 'fetchUnfinishedJobsOnly'), value: '"false"' },
    // 004 thresholds
    { id: 'KEDA-TRIGGER-004', name: 'lagThreshold is 0', build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, lagThreshold: 0 })] }), path: SO_PATH, field: md(0, 'lagThreshold'), value: '"0"' },
    { id: 'KEDA-TRIGGER-004', name: 'a prometheus threshold is negative', build: (c) => job(c, { triggers: [ScaleTrigger.prometheus({ ...PROM, threshold: -1 })] }), path: JOB_PATH, field: md(0, 'threshold'), value: '"-1"' },
    { id: 'KEDA-TRIGGER-004', name: 'activationLagThreshold is negative (YAML)', manifests: [so(kafkaTrigger({ activationLagThreshold: '-1' }))], field: md(0, 'activationLagThreshold'), value: '"-1"' },
    { id: 'KEDA-TRIGGER-004', name: 'the temporal targetQueueSize is 0 (YAML)', manifests: [so(trigger('temporal', { endpoint: 'temporal:7233', taskQueue: 'q', targetQueueSize: '0' }))], field: md(0, 'targetQueueSize'), value: '"0"' },
    { id: 'KEDA-TRIGGER-004', name: 'the redis listLength is 0', build: (c) => worker(c, { triggers: [ScaleTrigger.redisList({ listName: 'l', addresses: ['redis:6379'], listLength: 0 })] }), path: SO_PATH, field: md(0, 'listLength'), value: '"0"' },
    // 005 unknown keys
    {
      id: 'KEDA-TRIGGER-005', name: 'a kafka key is misspelled (lagTreshold)',
      build: (c) => worker(c, { triggers: [ScaleTrigger.custom('kafka', { bootstrapServers: 'kafka:9092', consumerGroup: 'g', topic: 't', lagTreshold: '5' })] }),
      path: SO_PATH, field: md(0, 'lagTreshold'), value: '"5"',
    },
    { id: 'KEDA-TRIGGER-005', name: 'a kafka username is written in metadata, where it is ignored (YAML)', manifests: [so(kafkaTrigger({ username: 'svc' }))], field: md(0, 'username'), value: '"svc"' },
    { id: 'KEDA-TRIGGER-005', name: 'an azure-servicebus key in the wrong case (messagecount, YAML)', manifests: [soExt('sb', trigger('azure-servicebus', { queueName: 'q', namespace: 'ns', messagecount: '5' }, { authenticationRef: { name: 'sb' } }))], field: md(0, 'messagecount'), value: '"5"' },
    // 006 options
    {
      id: 'KEDA-TRIGGER-006', name: 'allowIdleConsumers with limitToPartitionsWithLag',
      build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, allowIdleConsumers: true, limitToPartitionsWithLag: true })] }),
      path: SO_PATH, field: md(0, 'limitToPartitionsWithLag'), value: '"true"',
    },
    {
      id: 'KEDA-TRIGGER-006', name: 'AWS MSK IAM without TLS',
      build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, sasl: KafkaSaslMechanism.OAUTHBEARER, saslTokenProvider: KafkaSaslTokenProvider.AWS_MSK_IAM, awsRegion: 'eu-west-1', auth: TriggerAuth.fromPodIdentity(PodIdentity.aws()) })] }),
      path: SO_PATH, field: md(0, 'tls'), value: '(unset)',
    },
    {
      id: 'KEDA-TRIGGER-006', name: 'a rabbitmq rate mode over AMQP',
      build: (c) => worker(c, { triggers: [ScaleTrigger.rabbitmq({ ...RABBIT, mode: RabbitMQMode.MESSAGE_RATE, value: 10 })] }), path: SO_PATH, field: md(0, 'mode'), value: '"MessageRate"',
    },
    { id: 'KEDA-TRIGGER-006', name: 'a rabbitmq host without scheme (YAML)', manifests: [so(trigger('rabbitmq', { queueName: 'q', host: 'rabbitmq.data:5672' }))], field: md(0, 'host'), value: '"rabbitmq.data:5672"' },
    { id: 'KEDA-TRIGGER-006', name: 'rabbitmq mode without value (YAML)', manifests: [so(trigger('rabbitmq', { ...RABBIT, mode: 'QueueLength' }))], field: md(0, 'value'), value: '(unset)' },
    { id: 'KEDA-TRIGGER-006', name: 'redis hosts and ports of different lengths (YAML)', manifests: [so(trigger('redis', { listName: 'l', hosts: 'a,b', ports: '6379' }))], field: md(0, 'ports'), value: '"6379"' },
    {
      id: 'KEDA-TRIGGER-006', name: 'a temporal worker deployment name without build id',
      build: (c) => worker(c, { triggers: [ScaleTrigger.temporal({ endpoint: 'temporal:7233', taskQueue: 'research', workerDeploymentName: 'research' })] }),
      path: SO_PATH, field: md(0, 'workerDeploymentName'), value: '"research"',
    },
    // 007 credentials
    {
      id: 'KEDA-TRIGGER-007', name: 'kafka SASL/SCRAM without any TriggerAuthentication',
      build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, sasl: KafkaSaslMechanism.SCRAM_SHA512 })] }), path: SO_PATH, field: 'spec.triggers[0].metadata', value: '["username","password"]',
    },
    {
      id: 'KEDA-TRIGGER-007', name: 'kafka SASL plaintext whose TriggerAuthentication lacks the password',
      build: (c) => worker(c, {
        triggers: [ScaleTrigger.kafka({ ...KAFKA, sasl: KafkaSaslMechanism.PLAINTEXT, auth: TriggerAuth.fromSecrets(AgentSecrets.fromSecretName(c, 's', 'kafka', { KAFKA_USER: 'user' }), { username: 'KAFKA_USER' }) })],
      }), path: SO_PATH, field: 'spec.triggers[0].metadata', value: '["password"]',
    },
    {
      id: 'KEDA-TRIGGER-007', name: 'prometheus bearer auth without a token',
      build: (c) => worker(c, { triggers: [ScaleTrigger.prometheus({ ...PROM, threshold: 5, authModes: [PrometheusAuthMode.BEARER] })] }), path: SO_PATH, field: 'spec.triggers[0].metadata', value: '["bearerToken"]',
    },
    {
      id: 'KEDA-TRIGGER-007', name: 'an SQS trigger without AWS credentials',
      build: (c) => worker(c, { triggers: [ScaleTrigger.awsSqsQueue({ queueURL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/tasks', awsRegion: 'eu-west-1' })] }),
      path: SO_PATH, field: 'spec.triggers[0].metadata', value: '(unset)',
    },
    {
      id: 'KEDA-TRIGGER-007', name: 'a temporal client certificate without its key (YAML)',
      manifests: [so(trigger('temporal', { endpoint: 'temporal:7233', taskQueue: 'q' }, { authenticationRef: { name: 'temporal' } })), triggerAuthentication({ secretTargetRef: secretRefs(['cert'], 'temporal-tls') }, 'temporal')],
      field: 'spec.triggers[0].metadata', value: '["key"]',
    },
    {
      id: 'KEDA-TRIGGER-007', name: 'kafka gssapi with both password and keytab (YAML)',
      manifests: [so(kafkaTrigger({ sasl: 'gssapi' }, { authenticationRef: { name: 'krb' } })), triggerAuthentication({ secretTargetRef: secretRefs(['username', 'password', 'keytab', 'realm', 'kerberosConfig'], 'krb') }, 'krb')],
      field: 'spec.triggers[0].metadata', value: '["password","keytab"]',
    },
    // 008 cron
    {
      id: 'KEDA-TRIGGER-008', name: 'a cron start is a descriptor (@daily)',
      build: (c) => worker(c, { triggers: [ScaleTrigger.cron({ start: '@daily', end: '0 8 * * *', desiredReplicas: 1 })] }), path: SO_PATH, field: md(0, 'start'), value: '"@daily"',
    },
    {
      id: 'KEDA-TRIGGER-008', name: 'cron start equals end',
      build: (c) => worker(c, { triggers: [ScaleTrigger.cron({ start: Cron.daily(), end: Cron.daily(), desiredReplicas: 1 })] }), path: SO_PATH, field: md(0, 'end'), value: '"0 0 * * *"',
    },
    { id: 'KEDA-TRIGGER-008', name: 'cron desiredReplicas 0 (YAML)', manifests: [so(trigger('cron', { start: '0 8 * * *', end: '0 9 * * *', timezone: 'Etc/UTC', desiredReplicas: '0' }))], field: md(0, 'desiredReplicas'), value: '"0"' },
    { id: 'KEDA-TRIGGER-008', name: 'an unknown cron time zone (YAML)', manifests: [so(trigger('cron', { start: '0 8 * * *', end: '0 9 * * *', timezone: 'Europe/Atlantis', desiredReplicas: '2' }))], field: md(0, 'timezone'), value: '"Europe/Atlantis"' },
    { id: 'KEDA-TRIGGER-008', name: 'a cron time zone abbreviation Go does not load (YAML)', manifests: [so(trigger('cron', { start: '0 8 * * *', end: '0 9 * * *', timezone: 'PST', desiredReplicas: '2' }))], field: md(0, 'timezone'), value: '"PST"' },
    { id: 'KEDA-TRIGGER-008', name: 'a cron time zone in the wrong case (YAML)', manifests: [so(trigger('cron', { start: '0 8 * * *', end: '0 9 * * *', timezone: 'europe/paris', desiredReplicas: '2' }))], field: md(0, 'timezone'), value: '"europe/paris"' },
    { id: 'KEDA-TRIGGER-008', name: 'a cron hour of 24 (YAML)', manifests: [so(trigger('cron', { start: '0 24 * * *', end: '0 9 * * *', timezone: 'Etc/UTC', desiredReplicas: '2' }))], field: md(0, 'start'), value: '"0 24 * * *"' },
    // 009 cached metrics
    {
      id: 'KEDA-TRIGGER-009', name: 'useCachedMetrics on a cron trigger',
      build: (c) => worker(c, { triggers: [ScaleTrigger.cron({ start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: 2, useCachedMetrics: true })] }), path: SO_PATH,
      field: 'spec.triggers[0].useCachedMetrics', value: 'true',
    },
    { id: 'KEDA-TRIGGER-009', name: 'useCachedMetrics on a cpu trigger (YAML)', manifests: [scaledObject({ minReplicaCount: 1, triggers: [trigger('cpu', { value: '70' }, { metricType: 'Utilization', useCachedMetrics: true })] })], field: 'spec.triggers[0].useCachedMetrics', value: 'true' },
    // 010 duplicate names
    {
      id: 'KEDA-TRIGGER-010', name: 'two triggers are named alike',
      build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, name: 'lag' }), ScaleTrigger.kafka({ ...KAFKA, topic: 'other', name: 'lag' })] }), path: SO_PATH,
      field: 'spec.triggers[1].name', value: '"lag"',
    },
    { id: 'KEDA-TRIGGER-010', name: 'two triggers of a ScaledJob are named alike (YAML)', manifests: [scaledJob({ triggers: [kafkaTrigger({}, { name: 'a' }), kafkaTrigger({ topic: 'b' }, { name: 'a' })] })], field: 'spec.triggers[1].name', value: '"a"' },
    // 011 metric type
    {
      id: 'KEDA-TRIGGER-011', name: 'a cpu trigger without metricType (custom)',
      build: (c) => worker(c, { minReplicas: 1, triggers: [ScaleTrigger.custom('cpu', { value: '70' })] }), path: SO_PATH, field: 'spec.triggers[0].metricType', value: '(unset)',
    },
    { id: 'KEDA-TRIGGER-011', name: 'metricType Utilization on a kafka trigger (YAML)', manifests: [so(kafkaTrigger({}, { metricType: 'Utilization' }))], field: 'spec.triggers[0].metricType', value: '"Utilization"' },
    // 012 plaintext secrets
    {
      id: 'KEDA-TRIGGER-012', name: 'a redis password in plain metadata',
      build: (c) => worker(c, { triggers: [ScaleTrigger.custom('redis', { address: 'redis:6379', listName: 'l', password: 'hunter2' })] }), path: SO_PATH, field: md(0, 'password'), value: '"***"',
    },
    { id: 'KEDA-TRIGGER-012', name: 'a rabbitmq host URL with a password (YAML)', manifests: [so(trigger('rabbitmq', { queueName: 'q', host: 'amqp://user:hunter2@rabbitmq:5672/' }))], field: md(0, 'host'), value: '"amqp://user:***@rabbitmq:5672/"' },
    { id: 'KEDA-TRIGGER-012', name: 'an activemq password in plain metadata (YAML, generated table)', manifests: [so(trigger('activemq', { managementEndpoint: 'activemq:8161', destinationName: 'q', brokerName: 'b', username: 'u', password: 'hunter2' }))], field: md(0, 'password'), value: '"***"' },
    // 013 no triggers
    { id: 'KEDA-TRIGGER-013', name: 'a worker has no triggers', build: (c) => worker(c, { triggers: [] }), path: SO_PATH, field: 'spec.triggers', value: '[]' },
    { id: 'KEDA-TRIGGER-013', name: 'a ScaledJob has no triggers (YAML)', manifests: [scaledJob({ triggers: [] })], field: 'spec.triggers', value: '[]' },
    // 014 removed parameters
    { id: 'KEDA-TRIGGER-014', name: 'the removed `type` metadata on a memory trigger (YAML)', manifests: [scaledObject({ minReplicaCount: 1, triggers: [trigger('memory', { type: 'Utilization', value: '80' }, { metricType: 'Utilization' })] })], field: md(0, 'type'), value: '"Utilization"' },
    { id: 'KEDA-TRIGGER-014', name: 'an influxdb authToken in metadata, removed in 2.20 (YAML)', manifests: [so(trigger('influxdb', { serverURL: 'http://influx:8086', query: 'q', thresholdValue: '5', organizationName: 'o', authToken: 't0ken' }))], field: md(0, 'authToken'), value: '"t0ken"' },
    // 015 deprecated parameters
    { id: 'KEDA-TRIGGER-015', name: 'a temporal buildId, deprecated for removal in 2.21 (YAML)', manifests: [so(trigger('temporal', { endpoint: 'temporal:7233', taskQueue: 'q', buildId: 'v1' }))], field: md(0, 'buildId'), value: '"v1"' },
    {
      id: 'KEDA-TRIGGER-013', name: 'a ScaledJob has no spec at all (the CRD requires triggers only inside spec)',
      manifests: [{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: { name: 'batch', namespace: 'agents' } }], field: 'spec.triggers', value: '(unset)',
    },
    {
      id: 'KEDA-TRIGGER-013', name: 'a ScaledJob with `spec: null` (dropped by the API server like no spec)',
      manifests: [{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: { name: 'batch', namespace: 'agents' }, spec: null }], field: 'spec.triggers', value: '(unset)',
    },
  ],
  passes: [
    { name: 'every typed factory with valid options', build: (c) => worker(c, {
      minReplicas: 1,
      triggers: [
        ScaleTrigger.kafka({ ...KAFKA, lagThreshold: 100, activationLagThreshold: 0, limitToPartitionsWithLag: true, partitionLimitation: [1, 2, 5], version: '2.8.0' }),
        ScaleTrigger.prometheus({ ...PROM, threshold: 0.5, activationThreshold: -1, ignoreNullValues: false, queryParameters: { dedup: 'true' } }),
        ScaleTrigger.cron({ start: Cron.schedule({ minute: '0', hour: '8', weekDay: 'MON-FRI' }), end: '30 18 * * 1-5', timezone: 'Europe/Berlin', desiredReplicas: 3 }),
        ScaleTrigger.rabbitmq({ queueName: 'tasks', host: 'https://rabbitmq.data:15671/', mode: RabbitMQMode.MESSAGE_RATE, value: 50, useRegex: true }),
        ScaleTrigger.awsSqsQueue({ queueURL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/tasks', awsRegion: 'eu-west-1', useOperatorIdentity: true }),
        ScaleTrigger.redisList({ listName: 'tasks', addresses: ['redis-0:6379', 'redis-1:6379'], mode: RedisMode.CLUSTER, listLength: 10 }),
        ScaleTrigger.temporal({ endpoint: 'temporal:7233', taskQueue: 'research', queueTypes: [TemporalQueueType.ACTIVITY], workerDeploymentName: 'r', workerDeploymentBuildId: 'v1' }),
        ScaleTrigger.cpu({ utilization: 70 }),
        ScaleTrigger.memory({ averageValue: '512Mi', containerName: 'agent' }),
      ],
    }) },
    { name: 'a custom scaler the library does not model', build: (c) => worker(c, { triggers: [ScaleTrigger.custom('azure-servicebus', { queueName: 'q', namespace: 'ns' }, { auth: TriggerAuth.fromPodIdentity(PodIdentity.azureWorkload()) })] }) },
    {
      name: 'kafka SASL/SCRAM with username and password from the secrets',
      build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, sasl: KafkaSaslMechanism.SCRAM_SHA256, tls: true,
        auth: TriggerAuth.fromSecrets(AgentSecrets.fromSecretName(c, 's', 'kafka', { U: 'user', P: 'pass' }), { username: 'U', password: 'P' }) })] }),
    },
    { name: 'consumerGroupFromEnv naming a container variable', build: (c) => worker(c, { env: { GROUP: 'g' }, triggers: [ScaleTrigger.custom('kafka', { bootstrapServers: 'k:9092', consumerGroupFromEnv: 'GROUP', topic: 't' })] }) },
    { name: 'an external TriggerAuthentication may hold any parameter', build: (c) => worker(c, { triggers: [ScaleTrigger.kafka({ ...KAFKA, sasl: KafkaSaslMechanism.SCRAM_SHA512, auth: TriggerAuth.fromTriggerAuthenticationName('kafka-auth') })] }) },
    { name: 'SQS with AWS pod identity', build: (c) => worker(c, { triggers: [ScaleTrigger.awsSqsQueue({ queueURL: 'tasks', awsRegion: 'eu-west-1', auth: TriggerAuth.fromPodIdentity(PodIdentity.aws({ roleArn: 'arn:aws:iam::1:role/keda' })) })] }) },
    {
      name: 'SQS with access keys from a TriggerAuthentication (YAML)',
      manifests: [so(trigger('aws-sqs-queue', { queueURL: 'tasks', awsRegion: 'eu-west-1' }, { authenticationRef: { name: 'aws' } })), triggerAuthentication({ secretTargetRef: secretRefs(['awsAccessKeyID', 'awsSecretAccessKey'], 'aws') }, 'aws')],
    },
    { name: 'rabbitmq with the host in a TriggerAuthentication (YAML)', manifests: [so(trigger('rabbitmq', { queueName: 'q', mode: 'QueueLength', value: '5' }, { authenticationRef: { name: 'rmq' } })), triggerAuthentication({ secretTargetRef: secretRefs(['host'], 'rabbitmq') }, 'rmq')] },
    { name: 'redis host and port lists of equal length (YAML)', manifests: [so(trigger('redis-sentinel', { listName: 'l', hosts: 'a,b', ports: '26379,26379', sentinelMaster: 'mymaster' }))] },
    { name: 'prometheus bearer auth with a token from a ClusterTriggerAuthentication (YAML)', manifests: [so(trigger('prometheus', { ...PROM, threshold: '5', authModes: 'bearer' }, { authenticationRef: { name: 'prom', kind: 'ClusterTriggerAuthentication' } })), triggerAuthentication({ secretTargetRef: secretRefs(['bearerToken'], 'prom') }, 'prom', 'ClusterTriggerAuthentication')] },
    { name: 'cron start and end with names and steps (YAML)', manifests: [so(trigger('cron', { start: '*/15 8-17 * JAN-DEC MON-FRI', end: '0 18 ? * SUN', timezone: 'UTC', desiredReplicas: '2' }))] },
    { name: 'a kafka duration-free trigger with tls in the TriggerAuthentication and cert+key (YAML)', manifests: [so(kafkaTrigger({}, { authenticationRef: { name: 'tls' } })), triggerAuthentication({ secretTargetRef: secretRefs(['tls', 'ca', 'cert', 'key'], 'kafka-tls') }, 'tls')] },
    { name: 'sumologic multi-metric queries under query.<rowId> keys (YAML)', manifests: [soExt('sumo', trigger('sumologic', { host: 'https://api.sumologic.com', queryType: 'metrics', 'query.A': 'metric=cpu', 'query.B': 'metric=mem', resultQueryRowID: 'A', quantization: '1m', timerange: '5m', threshold: '5', rollup: 'Avg' }, { authenticationRef: { name: 'sumo' } }))] },
    { name: 'a temporal worker deployment version instead of buildId (YAML)', manifests: [so(trigger('temporal', { endpoint: 'temporal:7233', taskQueue: 'q', workerDeploymentName: 'w', workerDeploymentBuildId: 'v1' }))] },
    // near misses of the table-driven checks (generated from KEDA's schema)
    { name: 'activemq credentials from env and a TriggerAuthentication kept elsewhere (YAML)', manifests: [soExt('amq', trigger('activemq', { managementEndpoint: 'activemq:8161', destinationName: 'q', brokerName: 'b', usernameFromEnv: 'AMQ_USER' }, { authenticationRef: { name: 'amq' } }))] },
    { name: 'values that parse as TypedConfig parses them (YAML)', manifests: [soExt('prom',
      kafkaTrigger({ lagThreshold: '10', allowIdleConsumers: 'True' }),
      trigger('prometheus', { ...PROM, threshold: '0.5', timeout: '3000', customHeaders: 'X-Scope-OrgID=team', authModes: 'bearer,tls' }, { name: 'p', authenticationRef: { name: 'prom' } }),
      trigger('metrics-api', { url: 'http://api/metrics', valueLocation: 'depth', targetValue: '5', timeout: '1m30s' }),
      trigger('apache-kafka', { bootstrapServers: 'kafka:9092', consumerGroup: 'g2', topic: 't', partitionLimitation: '1,3-5' }),
      trigger('kubernetes-resource', { resourceKind: 'Secret', resourceName: 'queue', key: 'depth', targetValue: '5', valueType: 'quantity' }),
    )] },
    { name: 'kafka versions sarama parses, before and after 1.0 (YAML)', manifests: [so(kafkaTrigger({ version: '0.11.0.2' }, { name: 'old' }), kafkaTrigger({ version: '3.6.0' }, { name: 'new' }))] },
    { name: 'a redis enableTLS Go reads as a boolean ("True", YAML)', manifests: [so(trigger('redis', { address: 'redis:6379', listName: 'l', enableTLS: 'True' }))] },
    { name: 'a rabbitmq protocol written out (http, YAML)', manifests: [so(trigger('rabbitmq', { queueName: 'q', host: 'https://rabbitmq.data:15672/', protocol: 'http', mode: 'QueueLength', value: '5' }))] },
    { name: 'a redis-streams trigger with host and port (YAML)', manifests: [so(trigger('redis-streams', { stream: 's', consumerGroup: 'g', host: 'redis', port: '6379' }))] },
    { name: 'azure-queue and azure-servicebus with azure-workload identity and their account or namespace (YAML)', manifests: [so(trigger('azure-queue', { queueName: 'q', accountName: 'acct' }, { authenticationRef: { name: 'az' } }), trigger('azure-servicebus', { topicName: 't', subscriptionName: 's', namespace: 'ns' }, { name: 'sb', authenticationRef: { name: 'az' } })), triggerAuthentication({ podIdentity: { provider: 'azure-workload' } }, 'az')] },
    { name: 'an azure-blob connection string from the container env (YAML)', manifests: [so(trigger('azure-blob', { blobContainerName: 'c', connectionFromEnv: 'AZ_BLOB' }))] },
    { name: 'GCP scalers with pod identity gcp, or credentials from env (YAML)', manifests: [so(trigger('gcp-storage', { bucketName: 'b' }, { authenticationRef: { name: 'gcp' } }), trigger('gcp-pubsub', { topicName: 't', credentialsFromEnv: 'GCP_CREDS' }, { name: 'ps' })), triggerAuthentication({ podIdentity: { provider: 'gcp' } }, 'gcp')] },
    { name: 'a postgresql target left to the scalingModifiers formula, with a connection string from env (YAML)', manifests: [scaledObject({ advanced: { scalingModifiers: { formula: 'pg', target: '5' } }, triggers: [trigger('postgresql', { query: 'select 1', connectionFromEnv: 'PG_CONN' }, { name: 'pg' })] })] },
    { name: 'a mongodb+srv connection without a port, credentials from a TriggerAuthentication (YAML)', manifests: [soExt('mongo', trigger('mongodb', { scheme: 'mongodb+srv', host: 'cluster.mongodb.net', username: 'u', dbName: 'd', collection: 'c', query: '{}', queryValue: '5' }, { authenticationRef: { name: 'mongo' } }))] },
    { name: 'a pulsar trigger with metricType Utilization, which the pulsar scaler never reads (YAML)', manifests: [soExt('pulsar', trigger('pulsar', { adminURL: 'http://pulsar:8080', topic: 'persistent://public/default/t', subscription: 's' }, { metricType: 'Utilization', authenticationRef: { name: 'pulsar' } }))] },
    { name: 'an activemq restAPITemplate instead of its parts, an aws-cloudwatch expression instead of its metric, an influxdb v3 query (YAML)', manifests: [soExt('auth',
      trigger('activemq', { restAPITemplate: 'http://amq:8161/api/jolokia/read/org.apache.activemq:type=Broker,brokerName=b,destinationType=Queue,destinationName=q/QueueSize' }, { authenticationRef: { name: 'auth' } }),
      trigger('aws-cloudwatch', { expression: 'SELECT 1', targetMetricValue: '5', minMetricValue: '0', awsRegion: 'eu-west-1' }, { name: 'cw', authenticationRef: { name: 'auth' } }),
      trigger('influxdb', { serverURL: 'http://influx:8086', query: 'q', thresholdValue: '5', influxVersion: '3', database: 'd', metricKey: 'k' }, { name: 'ix', authenticationRef: { name: 'auth' } }),
      trigger('kubernetes-workload', { podSelector: 'app=backend', value: '0.5' }, { name: 'kw' }),
    )] },
    { name: 'an azure-monitor trigger with azure-workload identity needs no application credentials (YAML)', manifests: [so(trigger('azure-monitor', { resourceURI: 'Microsoft.ContainerService/managedClusters/aks', tenantId: 't', subscriptionId: 's', resourceGroupName: 'rg', metricName: 'm', metricAggregationType: 'Average', targetValue: '5' }, { authenticationRef: { name: 'az' } })), triggerAuthentication({ podIdentity: { provider: 'azure-workload' } }, 'az')] },
    { name: 'a datadog trigger through the Cluster Agent, its target left to scalingModifiers (YAML)', manifests: [scaledObject({ advanced: { scalingModifiers: { formula: 'dd', target: '5' } }, triggers: [trigger('datadog', { useClusterAgentProxy: 'true', datadogMetricName: 'm', datadogMetricNamespace: 'agents' }, { name: 'dd', authenticationRef: { name: 'dd' } })] }, { annotations: { 'agents.cdk8s.io/external-refs': 'TriggerAuthentication/dd' } })] },
    { name: 'a github-runner GitHub App with its id, installation and key; an openstack-metric application credential (YAML)', manifests: [so(
      trigger('github-runner', { owner: 'acme', runnerScope: 'org', applicationID: '1', installationID: '2' }, { authenticationRef: { name: 'gh' } }),
      trigger('openstack-metric', { metricsURL: 'http://gnocchi', metricID: 'm', aggregationMethod: 'mean', granularity: '300', threshold: '5' }, { name: 'os', authenticationRef: { name: 'os' } }),
    ), triggerAuthentication({ secretTargetRef: secretRefs(['appKey'], 'gh') }, 'gh'), triggerAuthentication({ secretTargetRef: secretRefs(['authURL', 'appCredentialSecret'], 'os') }, 'os')] },
    { name: 'an external scaler passes any metadata to its server (YAML)', manifests: [so(trigger('external', { scalerAddress: 'scaler:9090', anyKey: 'x', queue: 'q' }))] },
    { name: 'an influxdb authToken from env (YAML)', manifests: [so(trigger('influxdb', { serverURL: 'http://influx:8086', query: 'q', thresholdValue: '5', organizationName: 'o', authTokenFromEnv: 'INFLUX_TOKEN' }))] },
    // near misses of the second oracle pass (issue 17)
    { name: 'a cassandra port in clusterIPAddress; a nats-jetstream accountID; a sumologic logs query with its resultField (YAML)', manifests: [soExt('auth',
      trigger('cassandra', { ...CASSANDRA, clusterIPAddress: 'cassandra.data:9042' }, { authenticationRef: { name: 'auth' } }),
      trigger('nats-jetstream', { ...NATS, accountID: '$G' }, { name: 'nats' }),
      trigger('sumologic', { ...SUMO_LOGS, resultField: '_count' }, { name: 'sumo', authenticationRef: { name: 'auth' } }),
    )] },
    { name: 'Azure monitor, app insights and log analytics with their formats and known clouds, any case (YAML)', manifests: [so(
      trigger('azure-monitor', { ...AZ_MONITOR, metricAggregationType: 'Total', metricAggregationInterval: '0:5:0', cloud: 'azureChinaCloud' }, { authenticationRef: { name: 'az' } }),
      trigger('azure-app-insights', AZ_INSIGHTS, { name: 'ai', authenticationRef: { name: 'az' } }),
      trigger('azure-log-analytics', { workspaceId: 'w', query: 'q', threshold: '5', cloud: 'AZUREUSGOVERNMENTCLOUD' }, { name: 'la', authenticationRef: { name: 'az' } }),
      trigger('azure-log-analytics', { workspaceId: 'w', query: 'q', threshold: '5', cloud: 'Private', logAnalyticsResourceURL: 'https://la.example' }, { name: 'la2', authenticationRef: { name: 'az' } }),
    ), AZ_WORKLOAD] },
    { name: 'URLs Go\'s url.ParseRequestURI reads: an ibmmq host with its scheme, an activemq template, a splunk host (YAML)', manifests: [soExt('auth',
      trigger('ibmmq', { host: 'https://ibmmq.data:9443/ibmmq/rest/v2/admin/action/qmgr/QM1/mqsc', queueName: 'q' }, { authenticationRef: { name: 'auth' } }),
      trigger('activemq', { restAPITemplate: 'http://activemq.data:8161/api/jolokia/read/org.apache.activemq:type=Broker,brokerName=b,destinationType=Queue,destinationName=q/QueueSize' }, { name: 'amq', authenticationRef: { name: 'auth' } }),
      trigger('splunk', { host: 'https://splunk.data:8089', targetValue: '5', activationValue: '0', savedSearchName: 's', valueField: 'count' }, { name: 'sp', authenticationRef: { name: 'auth' } }),
    )] },
    { name: 'solace targets and base URLs as the scalers want them; DynamoDB attributes as JSON (YAML)', manifests: [soExt('auth',
      trigger('solace-event-queue', { ...SOLACE, messageSpoolUsageTarget: '100' }, { authenticationRef: { name: 'auth' } }),
      trigger('solace-direct-messaging', { ...SOLACE_DM, solaceSempBaseURL: 'http://solace-a.data:8080, https://solace-b.data' }, { name: 'dm', authenticationRef: { name: 'auth' } }),
      trigger('aws-dynamodb', { ...DYNAMO, expressionAttributeValues: '{":v": {"L": [{"N": "1"}, {"NULL": true}]}}' }, { name: 'ddb', authenticationRef: { name: 'auth' } }),
    )] },
    { name: 'a graphite authMode basic with its username; a kubernetes-resource json with valueLocation; a set-based pod selector; predictkube durations in days (YAML)', manifests: [so(
      trigger('graphite', { serverAddress: 'http://graphite:8080', query: 'q', queryTime: '-1min', authMode: 'basic' }, { authenticationRef: { name: 'gr' } }),
      trigger('kubernetes-resource', { resourceKind: 'ConfigMap', resourceName: 'queue', key: 'depth', targetValue: '5', format: 'json', valueLocation: 'queue.depth' }, { name: 'kr' }),
      trigger('kubernetes-workload', { podSelector: 'app in (api, worker),!canary,tier', value: '1' }, { name: 'kw' }),
      trigger('predictkube', PREDICTKUBE, { name: 'pk', authenticationRef: { name: 'pk' } }),
    ), triggerAuthentication({ secretTargetRef: secretRefs(['username', 'password'], 'graphite') }, 'gr'), triggerAuthentication({ secretTargetRef: secretRefs(['apiKey'], 'predictkube') }, 'pk')] },
    { name: 'targets left to the scalingModifiers formula: a prometheus threshold, a temporal targetQueueSize and a kubernetes-resource targetValue of 0, an aws-dynamodb without targetValue (YAML)', manifests: [scaledObject({ advanced: { scalingModifiers: { formula: 'p + t + k + d', target: '5' } }, triggers: [
      trigger('prometheus', { ...PROM, threshold: '0', activationThreshold: '-1' }, { name: 'p' }),
      trigger('temporal', { endpoint: 'temporal:7233', taskQueue: 'q', targetQueueSize: '0' }, { name: 't' }),
      trigger('kubernetes-resource', { resourceKind: 'ConfigMap', resourceName: 'queue', key: 'depth', targetValue: '0' }, { name: 'k' }),
      trigger('aws-dynamodb', DYNAMO_UNTARGETED, { name: 'd', authenticationRef: { name: 'aws' } }),
    ] }, { annotations: { 'agents.cdk8s.io/external-refs': 'TriggerAuthentication/aws' } })] },
    { name: 'an aws-cloudwatch standard unit, a one-minute period and a collection time it divides; an elastic-forecast lookAhead (YAML)', manifests: [soExt('auth',
      trigger('aws-cloudwatch', { ...CLOUDWATCH, metricUnit: 'Count/Second', metricStatPeriod: '60', metricCollectionTime: '120' }, { authenticationRef: { name: 'auth' } }),
      trigger('elastic-forecast', { ...FORECAST, lookAhead: '5m' }, { name: 'f', authenticationRef: { name: 'auth' } }),
    )] },
    { name: 'apache-kafka sasl plaintext with its credentials; aws_msk_iam with TLS and a region (YAML)', manifests: [so(
      trigger('apache-kafka', { ...APACHE_KAFKA, sasl: 'plaintext' }, { authenticationRef: { name: 'kafka' } }),
      trigger('apache-kafka', { ...APACHE_KAFKA, consumerGroup: 'g2', sasl: 'aws_msk_iam', awsRegion: 'eu-west-1', tls: 'enable' }, { name: 'msk', authenticationRef: { name: 'aws' } }),
    ), triggerAuthentication({ secretTargetRef: secretRefs(['username', 'password'], 'kafka') }, 'kafka'), triggerAuthentication({ podIdentity: { provider: 'aws' } }, 'aws')] },
    { name: 'an artemis restApiTemplate as KEDA documents it, its properties quoted (YAML)', manifests: [soExt('art', trigger('artemis-queue', { restApiTemplate: 'http://artemis.data:8161/console/jolokia/read/org.apache.activemq.artemis:broker="b",component=addresses,address="a",subcomponent=queues,routing-type="anycast",queue="q"/MessageCount' }, { authenticationRef: { name: 'art' } }))] },
    { name: 'redis-cluster addresses (YAML)', manifests: [so(trigger('redis-cluster', { addresses: 'redis-0.data:6379,redis-1.data:6379', listName: 'l' }))] },
    { name: 'an etcd watchProgressNotifyInterval of 1 (YAML)', manifests: [so(trigger('etcd', { endpoints: 'etcd.data:2379', watchKey: 'k', value: '5', watchProgressNotifyInterval: '1' }))] },
    { name: 'azure-pipelines jobsToFetch alone (YAML)', manifests: [soExt('ado', trigger('azure-pipelines', { organizationURLFromEnv: 'ADO_URL', poolName: 'p', jobsToFetch: '100' }, { authenticationRef: { name: 'ado' } }))] },
    { name: 'AWS credentials read outside the typed config (awsAccessKeyIDFromEnv, YAML)', manifests: [so(trigger('aws-cloudwatch', { namespace: 'AWS/SQS', metricName: 'depth', dimensionName: 'QueueName', dimensionValue: 'q', targetMetricValue: '5', minMetricValue: '0', awsRegion: 'eu-west-1', awsAccessKeyIDFromEnv: 'ID', awsSecretAccessKeyFromEnv: 'KEY' }))] },
  ],
};
