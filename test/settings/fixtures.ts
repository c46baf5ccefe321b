// Builders shared by the settings cases and tests: a ClusterProfile declared
// on the App (as apps do) and ConfigMap files written to a temporary folder.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterProfile, ClusterProfileProps } from '../../lib';

/** Declares the ClusterProfile on the App (not the chart), as apps do. */
export function profile(chart: Chart, props: ClusterProfileProps = {}, id = 'cluster'): ClusterProfile {
  return new ClusterProfile(chart.node.root as Construct, id, props);
}

/** Writes `text` to a fresh temporary `cm.yaml` and returns its path. */
export function tempYaml(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-cm-')), 'cm.yaml');
  fs.writeFileSync(file, text);
  return file;
}
