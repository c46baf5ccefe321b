// Flux image automation and synth, cooperating. image-automation-controller
// (setter strategy) rewrites any YAML field marked with a `$imagepolicy`
// comment in the repository (internal/update/setters.go#L82-L89, #L153-L171 at
// v1.2.1: the marker `<namespace>:<policy>` sets a whole image, `:tag` /
// `:name` / `:digest` one part), kustomization.yaml `images:` included
// (internal/update/testdata/setters/original/kustomization.yml). AgentApp writes
// each automated image as an `images:` entry of the app's kustomization.yaml
// with the `:tag` marker, and keeps the tag Flux last committed there, so a
// re-synth changes nothing Flux wrote.
import { Yaml } from 'cdk8s';
import { isDns1123Label, isDns1123Subdomain } from '../k8s/names';

/** The `$imagepolicy` marker of the tag field of an image (`<namespace>:<policy>:tag`). */
export function tagMarker(policy: string): string {
  return `# {"$imagepolicy": "${policy}:tag"}`;
}

/** Why a policy reference is not `<namespace>:<ImagePolicy name>`, or undefined. */
export function policyProblem(policy: unknown): string | undefined {
  if (typeof policy !== 'string') return 'expected "<namespace>:<ImagePolicy name>"';
  const parts = policy.split(':');
  if (parts.length !== 2 || !isDns1123Label(parts[0]) || !isDns1123Subdomain(parts[1])) {
    return 'expected "<namespace>:<ImagePolicy name>" (a namespace, a colon, the ImagePolicy\'s name), the setter name image-automation-controller matches';
  }
  return undefined;
}

/** `repo[:tag][@digest]` → its repository and tag (a `:` after the last `/` starts the tag). */
export function splitImage(image: string): { name: string; tag?: string } {
  const noDigest = image.split('@')[0];
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? { name: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) } : { name: noDigest };
}

/** Every container image string of the objects (fields named `image` holding a string). */
function imagesOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) imagesOf(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'image' && typeof v === 'string') out.push(v);
      else imagesOf(v, out);
    }
  }
  return out;
}

/**
 * The tags a kustomization.yaml holds under a `$imagepolicy` tag marker, by
 * `<image name> <policy>`: what Flux last committed, as a value (`tag`) and as
 * written (`text`, with the quotes it had).
 */
function committedTagScalars(kustomization: string): Map<string, { tag: string; text: string }> {
  const found = new Map<string, { tag: string; text: string }>();
  let name: string | undefined;
  for (const line of kustomization.split('\n')) {
    const entry = /^\s*-\s+name:\s*(\S+)\s*$/.exec(line);
    if (entry) { name = entry[1]; continue; }
    const tag = /^\s*newTag:\s*("([^"\s]+)"|'([^'\s]+)'|([^"'\s]+))\s+#\s*\{"\$imagepolicy":\s*"([^"]+):tag"\}\s*$/.exec(line);
    if (tag && name !== undefined) found.set(`${name} ${tag[5]}`, { tag: tag[2] ?? tag[3] ?? tag[4], text: tag[1] });
  }
  return found;
}

/**
 * The tags a kustomization.yaml holds under a `$imagepolicy` tag marker, by
 * `<image name> <policy>`: what Flux last committed.
 */
export function committedTags(kustomization: string): Map<string, string> {
  return new Map([...committedTagScalars(kustomization)].map(([key, { tag }]) => [key, tag]));
}

/**
 * The `images:` section of the kustomization for the automated images: each
 * with the tag Flux last committed (from `previous`, the kustomization.yaml
 * being replaced), else the tag the manifests give it. Problems: an image no
 * container runs (kustomize would change nothing), or one without a tag.
 */
export function imagesSection(policies: Readonly<Record<string, string>>, docs: readonly unknown[], previous: string | undefined): { yaml: string; problems: string[] } {
  const problems: string[] = [];
  const kept = previous === undefined ? new Map<string, { tag: string; text: string }>() : committedTagScalars(previous);
  const used = imagesOf(docs).map(splitImage);
  const lines: string[] = [];
  for (const name of Object.keys(policies).sort()) {
    const policy = policies[name];
    const tags = [...new Set(used.filter((u) => u.name === name).map((u) => u.tag))];
    if (tags.length === 0) {
      problems.push(`imagePolicies["${name}"]: no container of the app runs this image (give the image's name without its tag, e.g. ghcr.io/acme/agent)`);
      continue;
    }
    const source = tags.find((t) => t !== undefined);
    const committed = kept.get(`${name} ${policy}`);
    if (committed === undefined && source === undefined) {
      problems.push(`imagePolicies["${name}"]: the image has no tag in the app; give it the tag to start from (Flux then moves it)`);
      continue;
    }
    // A tag Flux committed is written back as it is written there, quotes
    // included: Flux's setter replaces only the scalar's value and keeps its
    // style (quoting a bare value that would read as a number), so a quoted
    // `newTag: "1.2.3"` stays quoted after every update, and a re-synth must
    // not unquote it. Evidence: image-automation-controller
    // internal/update/filter.go#L126-L144 (v1.2.1, unchanged at d36e2ea0: `field.YNode().Value =
    // ext.Setter.Value`, then yaml.FormatNonStringStyle for the string schema
    // of setters.go#L249-L250) and kustomize kyaml/yaml/compatibility.go#L25-L41
    // (kyaml/v0.21.1, the version go.mod#L10 pins: a string only ever gains double quotes, and only when the bare
    // value is a YAML 1.1 non-string like `1.10`; existing quotes are kept).
    // Otherwise quoted only when YAML needs it (`1.10`), as the kustomization's other strings.
    const text = committed?.text ?? scalar(source as string);
    lines.push(`  - name: ${scalar(name)}`, `    newTag: ${text} ${tagMarker(policy)}`);
  }
  return { yaml: lines.length === 0 ? '' : ['images:', ...lines, ''].join('\n'), problems };
}

/** A string as a YAML scalar, quoted only when it must be (cdk8s's writer). */
function scalar(s: string): string {
  return Yaml.stringify([s]).slice(2).trimEnd();
}
