// Builders shared by the Flux cases and tests: a GitRepository and a
// Kustomization in a chart, and their hand-written forms.
import { Chart } from 'cdk8s';
import { FluxKustomization, FluxKustomizationProps, GitRepository, GitRepositoryProps } from '../../lib';

export const KS = 'test/ks';
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
