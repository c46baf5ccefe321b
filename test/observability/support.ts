// Synthesizes a chart (namespace `agents`) quietly, for the observability tests.
import { Chart, Testing } from 'cdk8s';
import { AppValidation } from '../../lib';

export function synth(build: (chart: Chart) => void): any[] {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'agents' });
  AppValidation.of(app).reporter = () => undefined;
  build(chart);
  return Testing.synth(chart);
}

export const ofKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);
