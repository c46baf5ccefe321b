// One lookup of the objects of a validation by identity, for rules that
// follow references between objects. Built once per validation, so every
// lookup is constant-time however large the app (a search of ctx.objects per
// object made app-wide rules quadratic).
import { Located } from '../engine/engine';
import { obj } from '../engine/json';

/** `group/Kind` of an apiVersion and kind (`/Secret` for the core group). */
export const groupKind = (apiVersion: unknown, kind: unknown): string => {
  const av = String(apiVersion ?? '');
  const slash = av.indexOf('/');
  return `${slash >= 0 ? av.slice(0, slash) : ''}/${String(kind ?? '')}`;
};

const INDEXES = new WeakMap<readonly Located[], ObjectIndex>();

/** Objects by `group/Kind`, name and namespace. */
export class ObjectIndex {
  /** The index of one validation's objects, built on first use. */
  public static of(objects: readonly Located[]): ObjectIndex {
    let index = INDEXES.get(objects);
    if (!index) INDEXES.set(objects, index = new ObjectIndex(objects));
    return index;
  }

  private readonly byNamespace = new Map<string, Located>();
  private readonly anyNamespace = new Map<string, Located>();

  private constructor(objects: readonly Located[]) {
    for (const at of objects) {
      const o = obj(at.object);
      const meta = obj(o?.metadata);
      if (!o || typeof meta?.name !== 'string' || typeof o.kind !== 'string' || typeof o.apiVersion !== 'string') continue;
      const key = `${groupKind(o.apiVersion, o.kind)}|${meta.name}`;
      const ns = typeof meta.namespace === 'string' ? meta.namespace : '';
      if (!this.byNamespace.has(`${ns}|${key}`)) this.byNamespace.set(`${ns}|${key}`, at);
      if (!this.anyNamespace.has(key)) this.anyNamespace.set(key, at);
    }
  }

  /**
   * The first object of that `group/Kind` and name in `namespace`, or one
   * without a namespace (hand-written YAML is applied to some namespace); in
   * any namespace when `namespace` is unset or empty.
   */
  public find(gk: string, name: string, namespace?: unknown): Located | undefined {
    const key = `${gk}|${name}`;
    if (typeof namespace !== 'string' || namespace === '') return this.anyNamespace.get(key);
    return this.byNamespace.get(`${namespace}|${key}`) ?? this.byNamespace.get(`|${key}`);
  }
}
