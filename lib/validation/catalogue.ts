import { PLATFORM_RULES } from './platform-rules';
import { Rule } from './rule';
import { SERVING_RULES } from './serving-rules';

/** Every rule the library enforces, in catalogue order (rendered into docs/rules.md). */
export const RULE_CATALOGUE: readonly Rule[] = [...Object.values(SERVING_RULES), ...Object.values(PLATFORM_RULES)];
