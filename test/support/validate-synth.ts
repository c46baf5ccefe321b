// Loaded by jest before every test file (setupFilesAfterEnv): every object any
// test synthesizes with `Testing.synth` is validated against the upstream
// schemas (strict CRD schemas from ../shared/crds when present, the
// kubernetes-models packages otherwise). A schema error fails the test.
import { Testing } from 'cdk8s';
import { validateManifests } from './schema';

const originalSynth = Testing.synth.bind(Testing);

Testing.synth = (chart) => {
  const objects = originalSynth(chart);
  const errors = validateManifests(objects);
  if (errors.length > 0) {
    throw new Error(`synthesized objects are not valid against the upstream schemas:\n  ${errors.join('\n  ')}`);
  }
  return objects;
};
