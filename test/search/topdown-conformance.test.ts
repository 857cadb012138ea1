import { engineConformance } from '../../src/search/conformance.ts';
import { topDown } from '../../src/search/topdown.ts';

engineConformance(() => topDown());
