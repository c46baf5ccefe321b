// Flux image automation and synth cooperate: automated images are written to the
// kustomization.yaml `images:` with the `$imagepolicy` tag marker
// (image-automation-controller internal/update/setters.go#L153-L171, v1.2.1),
// and a re-synth keeps the tag Flux committed there.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { AgentApp, AgentKnativeService, AppValidation, ClusterProfile, ImagePolicy, ImagePolicyChoice, ImageRepository } from '../../lib';
import { idOf } from '../support/rule-cases';
import { committedTags, imagesSection, splitImage } from '../../lib/gitops/image-automation';

let outdir: string;
beforeEach(() => { outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-agents-images-')); });
afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

function synth(imagePolicies: Record<string, string> | undefined, image = 'ghcr.io/acme/triage:1.0.0'): string {
  const app = new AgentApp({ outdir, kustomization: true, imagePolicies });
  new AgentKnativeService(new Chart(app, 'agents', { namespace: 'agents' }), 'triage', { image });
  app.synth();
  return fs.readFileSync(path.join(outdir, 'kustomization.yaml'), 'utf8');
}

const POLICY = { 'ghcr.io/acme/triage': 'flux-system:triage' };

describe('AgentApp imagePolicies', () => {
  test('an automated image is an images: entry with the tag marker, at the manifests\' tag (snapshot)', () => {
    const k = synth(POLICY);
    expect(k).toMatchSnapshot();
    expect(k).toContain('images:\n  - name: ghcr.io/acme/triage\n    newTag: 1.0.0 # {"$imagepolicy": "flux-system:triage:tag"}\n');
    expect(fs.readFileSync(path.join(outdir, 'agents.k8s.yaml'), 'utf8')).toContain('image: ghcr.io/acme/triage:1.0.0');
  });

  test('a re-synth keeps the tag Flux committed; the source tag is used once the policy changes', () => {
    synth(POLICY);
    const file = path.join(outdir, 'kustomization.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('newTag: 1.0.0', 'newTag: 1.2.7'));
    expect(synth(POLICY)).toContain('newTag: 1.2.7 # {"$imagepolicy": "flux-system:triage:tag"}');
    expect(synth({ 'ghcr.io/acme/triage': 'flux-system:triage-v2' })).toContain('newTag: 1.0.0 # {"$imagepolicy": "flux-system:triage-v2:tag"}');
  });

  // Does Flux's setter keep `newTag: "1.2.3"` quoted? Yes: it sets only the
  // scalar's value and keeps its style; a string is only ever quoted, never
  // unquoted (image-automation-controller v1.2.1 internal/update/filter.go#L126-L144;
  // kustomize kyaml/v0.21.1, pinned by its go.mod#L10, kyaml/yaml/compatibility.go#L25-L41).
  // So a re-synth writes back the committed tag byte for byte, quotes included.
  test('a re-synth keeps the quoting of the tag Flux committed (double, single, none): dist stays byte-identical', () => {
    const first = synth(POLICY);
    const file = path.join(outdir, 'kustomization.yaml');
    for (const written of ['"1.2.3"', "'1.2.3'", '1.2.3', '"1.10"']) {
      const committed = first.replace('newTag: 1.0.0', `newTag: ${written}`);
      fs.writeFileSync(file, committed);
      expect(synth(POLICY)).toBe(committed);
    }
  });

  test('a tag YAML would read as a number is quoted', () => {
    expect(synth(POLICY, 'ghcr.io/acme/triage:1.10')).toContain('newTag: "1.10" # {"$imagepolicy"');
  });

  test('near miss: without imagePolicies the kustomization has no images:', () => {
    expect(synth(undefined)).not.toContain('images:');
  });

  test('fails if no container runs the image (kustomize would change nothing), before anything is written', () => {
    expect(() => synth({ 'ghcr.io/acme/other': 'flux-system:other' })).toThrow(/imagePolicies\["ghcr.io\/acme\/other"\]: no container of the app runs this image/);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('fails if the image has no tag to start from', () => {
    expect(() => synth(POLICY, 'ghcr.io/acme/triage')).toThrow(/has no tag in the app/);
  });

  test.each([
    ['no namespace', 'triage', /expected "<namespace>:<ImagePolicy name>"/],
    ['a slash', 'flux-system/triage', /expected "<namespace>:<ImagePolicy name>"/],
    ['a part too many', 'flux-system:triage:tag', /expected "<namespace>:<ImagePolicy name>"/],
    ['an empty string', '', /imagePolicies\.ghcr\.io\/acme\/triage = the string "": expected a non-empty string/],
    ['a number', 7, /expected a non-empty string/],
  ])('fails if the policy is %s', (_, policy, message) => {
    expect(() => new AgentApp({ outdir, kustomization: true, imagePolicies: { 'ghcr.io/acme/triage': policy as any } })).toThrow(message);
  });

  test('fails if imagePolicies is given without kustomization', () => {
    expect(() => new AgentApp({ outdir, imagePolicies: POLICY })).toThrow(/set `kustomization: true`/);
  });

  test('fails if imagePolicies is not an object', () => {
    expect(() => new AgentApp({ outdir, kustomization: true, imagePolicies: 'flux-system:triage' as any })).toThrow(/imagePolicies = .*expected an object/);
  });
});

describe('image automation helpers', () => {
  test('splitImage: a registry port is no tag, a digest is dropped', () => {
    expect(splitImage('localhost:5000/acme/triage')).toEqual({ name: 'localhost:5000/acme/triage' });
    expect(splitImage('localhost:5000/acme/triage:1.0@sha256:abc')).toEqual({ name: 'localhost:5000/acme/triage', tag: '1.0' });
  });

  test('committedTags reads only tags under a tag marker, quoted or not', () => {
    const text = 'images:\n  - name: a\n    newTag: "1.10" # {"$imagepolicy": "ns:a:tag"}\n  - name: b\n    newTag: 2.0.0\n  - name: c\n    newTag: 3.0.0 # {"$imagepolicy": "ns:c"}\n';
    expect([...committedTags(text)]).toEqual([['a ns:a', '1.10']]);
    expect([...committedTags("images:\n  - name: a\n    newTag: '2.0' # {\"$imagepolicy\": \"ns:a:tag\"}\n")]).toEqual([['a ns:a', '2.0']]);
  });

  test('imagesSection: policies in name order; hostile docs are walked without throwing', () => {
    const docs = [null, 'x', { spec: { containers: [{ image: 'b:2' }, { image: 42 }, { image: 'a:1' }] } }];
    expect(imagesSection({ b: 'ns:b', a: 'ns:a' }, docs, undefined).yaml).toBe(
      'images:\n  - name: a\n    newTag: "1" # {"$imagepolicy": "ns:a:tag"}\n  - name: b\n    newTag: "2" # {"$imagepolicy": "ns:b:tag"}\n');
  });
});

describe('AgentApp.addImagePolicy with an ImagePolicy construct', () => {
  function build(withPolicy: boolean, strict = false): { kustomization: string; lines: string[]; error?: string } {
    const lines: string[] = [];
    const app = new AgentApp({ outdir, kustomization: true, strict });
    AppValidation.of(app).reporter = (l) => lines.push(l);
    const flux = new Chart(app, 'flux', { namespace: 'flux-system' });
    const image = new ImageRepository(flux, 'triage-image', { name: 'triage', image: 'ghcr.io/acme/triage' });
    const policy = new ImagePolicy(flux, 'triage-policy', { name: 'triage', imageRepository: image, policy: ImagePolicyChoice.semver('>=1.0.0 <2.0.0') });
    new AgentKnativeService(new Chart(app, 'agents', { namespace: 'agents' }), 'triage', { image: 'ghcr.io/acme/triage:1.0.0' });
    app.addImagePolicy('ghcr.io/acme/triage', withPolicy ? policy : 'flux-system:elsewhere');
    try { app.synth(); } catch (e: any) { return { kustomization: '', lines, error: e.message }; }
    return { kustomization: fs.readFileSync(path.join(outdir, 'kustomization.yaml'), 'utf8'), lines };
  }

  test('the marker names the policy as <namespace>:<name>, and no warning is printed', () => {
    const { kustomization, lines } = build(true);
    expect(kustomization).toContain('    newTag: 1.0.0 # {"$imagepolicy": "flux-system:triage:tag"}\n');
    expect(lines).toEqual([]);
  });

  test('warns (FLUXIMG-008) if the marker names an ImagePolicy the app does not hold (open world: it may live elsewhere)', () => {
    const { kustomization, lines } = build(false);
    expect(kustomization).toContain('"$imagepolicy": "flux-system:elsewhere:tag"');
    expect(lines.map(idOf)).toEqual(['FLUXIMG-008']);
    expect(lines[0]).toMatch(/^warning \[FLUXIMG-008\] app: imagePolicies\["ghcr.io\/acme\/triage"\] = "flux-system:elsewhere": no ImagePolicy "flux-system:elsewhere" in the app/);
  });

  describe('a policy the platform provides (`provided` in the repository config)', () => {
    function synthWith(config: string): string[] {
      const file = path.join(outdir, 'cdk8s-agents.yaml');
      fs.writeFileSync(file, config);
      const lines: string[] = [];
      const app = new AgentApp({ outdir: path.join(outdir, 'app'), kustomization: true, strict: true });
      AppValidation.of(app).reporter = (l) => lines.push(l);
      ClusterProfile.fromRepositoryConfig(app, 'cluster', file);
      new AgentKnativeService(new Chart(app, 'agents', { namespace: 'agents' }), 'triage', { image: 'ghcr.io/acme/triage:1.0.0' });
      app.addImagePolicy('ghcr.io/acme/triage', 'flux-system:triage');
      try { app.synth(); } catch (e: any) { lines.push(e.message); }
      return lines;
    }

    test('is not reported, even in strict mode', () => {
      expect(synthWith('provided:\n  - { kind: ImagePolicy, namespace: flux-system, name: triage }\n')).toEqual([]);
      expect(synthWith('provided:\n  - { kind: ImagePolicy, name: triage }\n')).toEqual([]); // no namespace: any namespace
    });

    test('near misses still warn: another name, another namespace, another kind', () => {
      for (const entry of ['{ kind: ImagePolicy, namespace: flux-system, name: other }', '{ kind: ImagePolicy, namespace: agents, name: triage }', '{ kind: ImageRepository, namespace: flux-system, name: triage }']) {
        expect(synthWith(`provided:\n  - ${entry}\n`).join('\n')).toMatch(/warning \[FLUXIMG-008\] app: imagePolicies\["ghcr.io\/acme\/triage"\] = "flux-system:triage"/);
      }
    });
  });

  test('fails if FLUXIMG-008 fires in strict mode', () => {
    expect(build(false, true).error).toMatch(/warning \[FLUXIMG-008\]/);
  });

  test('fails if the ImagePolicy has no namespace', () => {
    const app = new AgentApp({ outdir, kustomization: true });
    const policy = new ImagePolicy(new Chart(app, 'flux'), 'p', { imageRepository: { name: 'triage' }, policy: ImagePolicyChoice.alphabetical() });
    expect(() => app.addImagePolicy('ghcr.io/acme/triage', policy)).toThrow(/flux\/p: namespace = \(unset\).*Fix: give the ImagePolicy a `namespace`/);
  });

  test('fails if the app writes no kustomization, or the policy is no <namespace>:<name>', () => {
    expect(() => new AgentApp({ outdir }).addImagePolicy('ghcr.io/acme/triage', 'flux-system:triage')).toThrow(/set `kustomization: true`/);
    expect(() => new AgentApp({ outdir, kustomization: true }).addImagePolicy('ghcr.io/acme/triage', 'triage')).toThrow(/policy = "triage": expected "<namespace>:<ImagePolicy name>"/);
  });
});
