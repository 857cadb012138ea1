import { engineConformance } from '../../src/search/conformance.ts';
import { bottomUp } from '../../src/search/bottomup.ts';

engineConformance(() => bottomUp());
