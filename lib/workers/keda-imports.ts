// The generated KEDA module is large (an L1 class and its JSON mappers per
// kind): it is loaded with the first KEDA object, not with the library.
import type * as keda from '../../imports/keda.sh';

/** The generated `keda.sh` module. */
export function kedaImports(): typeof keda {
  return require('../../imports/keda.sh');
}
