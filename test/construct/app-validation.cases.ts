// Triggers and near misses of the acknowledgement rules of app validation (ACK-*).
import { agent } from '../serving/fixtures';
import { RuleCases } from '../support/rule-cases';

export const CASES: RuleCases = {
  triggers: [
    { id: 'ACK-001', name: 'an error rule is acknowledged', build: (c) => agent(c).acknowledge('KSVC-SCALE-006', 'we know'), field: 'acknowledge("KSVC-SCALE-006")', value: '"we know"' },
    { id: 'ACK-001', name: 'an unknown rule is acknowledged', build: (c) => agent(c).acknowledge('KSVC-NOPE-001', 'typo'), field: 'acknowledge("KSVC-NOPE-001")', value: '"typo"' },
    { id: 'ACK-002', name: 'an acknowledgement matches no finding', build: (c) => agent(c).acknowledge('KSVC-SCALE-021', 'stale'), field: 'acknowledge("KSVC-SCALE-021")', value: '"stale"' },
  ],
  passes: [
    {
      name: 'a warning that fires is acknowledged with a reason',
      build: (c) => agent(c, { containerConcurrency: 1, scaling: { target: 5 } }).acknowledge('KSVC-SCALE-021', 'one request per pod by design'),
    },
  ],
};
