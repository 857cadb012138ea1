import { engineConformance } from '../../src/search/conformance.ts';
import { gp } from '../../src/search/gp.ts';

engineConformance(() => gp());
