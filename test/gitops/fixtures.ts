// Builders shared by the Flux cases and tests: a GitRepository and a
// Kustomization in a chart, and their hand-written forms.
import { Chart, Testing } from 'cdk8s';
import {
  AppValidation, FluxKustomization, FluxKustomizationProps, GitRepository, GitRepositoryProps, ImagePolicy, ImagePolicyChoice, ImagePolicyProps,
  ImageRepository, ImageRepositoryProps, ImageUpdateAutomation, ImageUpdateAutomationProps,
} from '../../lib';

export const KS = 'test/ks';

/** Synthesizes what `build` adds to a chart `test` in `namespace`, findings not printed (the tests assert them). */
export function synthChart(build: (chart: Chart) => void, namespace = 'flux-system'): any[] {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace });
  AppValidation.of(app).reporter = () => undefined;
  build(chart);
  return Testing.synth(chart);
}
export const REPO = 'test/repo';

/** A GitRepository `platform` (id `repo`) over https, branch main. */
export function repo(chart: Chart, props: Partial<GitRepositoryProps> = {}, id = 'repo'): GitRepository {
  return new GitRepository(chart, id, { name: 'platform', url: 'https://github.com/acme/platform.git', ...props });
}

/** A Kustomization (id `ks`) of `./dist/agents` of a GitRepository of the chart. */
export function ks(chart: Chart, props: Partial<FluxKustomizationProps> = {}, id = 'ks'): FluxKustomization {
  const sourceRef = props.sourceRef ?? (chart.node.tryFindChild('repo') as GitRepository | undefined) ?? repo(chart);
  return new FluxKustomization(chart, id, { path: './dist/agents', ...props, sourceRef });
}

/** A hand-written Kustomization `agents` in `flux-system` of the GitRepository `platform`. */
export function kustomization(metadata: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'agents', namespace: 'flux-system', ...metadata },
    spec: { interval: '10m', path: './dist/agents', prune: true, sourceRef: { kind: 'GitRepository', name: 'platform' }, ...spec },
  };
}

/** A hand-written GitRepository `platform` in `flux-system`. */
export function gitRepository(metadata: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: 'platform', namespace: 'flux-system', ...metadata },
    spec: { interval: '1m', url: 'https://github.com/acme/platform.git', ref: { branch: 'main' }, ...spec },
  };
}

/** A Kustomization with its source, as one hand-written app. */
export const withSource = (...objects: Record<string, unknown>[]) => [...objects, gitRepository()];

export const IMG_REPO = 'test/image';
export const IMG_POLICY = 'test/policy';
export const IMG_AUTO = 'test/automation';

/** An ImageRepository `triage` (id `image`) of ghcr.io/acme/triage. */
export function imageRepo(chart: Chart, props: Partial<ImageRepositoryProps> = {}, id = 'image'): ImageRepository {
  return new ImageRepository(chart, id, { name: 'triage', image: 'ghcr.io/acme/triage', ...props });
}

/** An ImagePolicy `triage` (id `policy`), semver `>=1.0.0 <2.0.0`, of the chart's ImageRepository. */
export function imagePolicy(chart: Chart, props: Partial<ImagePolicyProps> = {}, id = 'policy'): ImagePolicy {
  const imageRepository = props.imageRepository ?? (chart.node.tryFindChild('image') as ImageRepository | undefined) ?? imageRepo(chart);
  return new ImagePolicy(chart, id, { name: 'triage', policy: ImagePolicyChoice.semver('>=1.0.0 <2.0.0'), ...props, imageRepository });
}

/** An ImageUpdateAutomation (id `automation`) of `./dist/agents` of the chart's GitRepository. */
export function automation(chart: Chart, props: Partial<ImageUpdateAutomationProps> = {}, id = 'automation'): ImageUpdateAutomation {
  const sourceRef = props.sourceRef ?? (chart.node.tryFindChild('repo') as GitRepository | undefined) ?? repo(chart);
  return new ImageUpdateAutomation(chart, id, { path: './dist/agents', commit: { authorEmail: 'flux@acme.dev', authorName: 'Flux' }, ...props, sourceRef });
}

/** A hand-written Flux image automation object `triage` in `flux-system`. */
export function imageObject(kind: 'ImageRepository' | 'ImagePolicy' | 'ImageUpdateAutomation', spec: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, Record<string, unknown>> = {
    ImageRepository: { image: 'ghcr.io/acme/triage', interval: '5m' },
    ImagePolicy: { imageRepositoryRef: { name: 'triage' }, policy: { semver: { range: '>=1.0.0' } } },
    ImageUpdateAutomation: {
      interval: '30m', sourceRef: { kind: 'GitRepository', name: 'platform' },
      git: { commit: { author: { email: 'flux@acme.dev' } } }, update: { path: './dist/agents', strategy: 'Setters' },
    },
  };
  return { apiVersion: 'image.toolkit.fluxcd.io/v1', kind, metadata: { name: 'triage', namespace: 'flux-system' }, spec: { ...base[kind], ...spec } };
}
