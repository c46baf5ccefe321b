import { CORE_RULES } from './core-rules';
import { CrossObjectValidator, Located } from './engine';
import { obj, str } from './json';

/** Two objects with one identity (API group, kind, namespace, name): the last one applied wins. */
export const DUPLICATE_NAMES: CrossObjectValidator = {
  name: 'duplicate names',
  rules: [CORE_RULES.DUPLICATE_NAME],
  validate(ctx, report) {
    const first = new Map<string, Located>();
    for (const at of ctx.objects) {
      const o = obj(at.object);
      const meta = obj(o?.metadata);
      const name = meta?.name;
      if (typeof o?.kind !== 'string' || typeof o.apiVersion !== 'string' || !meta || typeof name !== 'string') continue;
      const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
      const ns = str(meta.namespace) ?? '';
      const key = `${group}|${o.kind}|${ns}|${name}`;
      const earlier = first.get(key);
      if (earlier) {
        report(at, {
          rule: CORE_RULES.DUPLICATE_NAME,
          field: 'metadata.name',
          value: name,
          problem: `${o.kind} "${name}"${ns ? ` in namespace "${ns}"` : ''} is also defined at ${earlier.where}`,
        });
      } else {
        first.set(key, at);
      }
    }
  },
};
