/**
 * Neural modules in the global library: a module's saved form becomes a library entry (kind 'neural', the
 * standard TensorFlow.js model.json plus weight bytes) and library entries become neural primitives again,
 * to be reused frozen or fine-tuned by later tasks.
 */
import type { Library, LibraryEntry, NeuralModule as StoredModule, Provenance } from '../library/library.ts';
import type { Primitive } from '../lang/primitive.ts';
import { arity, parseType } from '../lang/type.ts';
import { loadModule, toTfjsFiles, type ModuleSpec, type NeuralModule, type SavedModule } from './module.ts';
import { neuralPrimitive } from './primitive.ts';

/** How a module's raw output becomes a value, kept with the entry (in the model's user metadata). */
export type Decode = 'argmax' | 'vector' | 'scalar';

/** A library entry holding a trained module. */
export async function moduleEntry(o: { name: string; type: string; module: NeuralModule; decode: Decode; weight?: number; provenance: Provenance }): Promise<LibraryEntry> {
  const saved = await o.module.save();
  const files = toTfjsFiles(saved);
  const json = JSON.parse(files.modelJson) as { userDefinedMetadata: { arbor: Record<string, unknown> } };
  json.userDefinedMetadata.arbor.decode = o.decode;
  const neural: StoredModule = { format: 'tfjs-layers', modelJson: JSON.stringify(json), weights: new Uint8Array(files.weightsBin) };
  return { name: o.name, kind: 'neural', type: o.type, arity: arity(parseType(o.type)), weight: o.weight ?? 0, provenance: o.provenance, neural };
}

/** Restores the module of a neural entry. */
export async function entryModule(e: LibraryEntry): Promise<{ module: NeuralModule; decode: Decode }> {
  if (e.kind !== 'neural' || !e.neural) throw new Error(`library entry '${e.name}' is not a neural module`);
  const json = JSON.parse(e.neural.modelJson) as {
    modelTopology: unknown; weightsManifest: { weights: SavedModule['weightSpecs'] }[];
    userDefinedMetadata?: { arbor?: { spec?: ModuleSpec; decode?: Decode } };
  };
  const spec = json.userDefinedMetadata?.arbor?.spec;
  if (!spec) throw new Error(`library entry '${e.name}': model.json lacks userDefinedMetadata.arbor.spec`);
  const saved: SavedModule = {
    format: 'arbor-neural', version: 1, spec, modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((m) => m.weights), weightData: Buffer.from(e.neural.weights).toString('base64'),
  };
  return { module: await loadModule(saved), decode: json.userDefinedMetadata?.arbor?.decode ?? 'argmax' };
}

/** Every neural entry of a library as a primitive (modules loaded with their trained weights). */
export async function neuralPrimitivesOf(lib: Library): Promise<Primitive[]> {
  const out: Primitive[] = [];
  for (const e of lib.entries.values()) {
    if (e.kind !== 'neural') continue;
    const { module, decode } = await entryModule(e);
    out.push(neuralPrimitive({ name: e.name, type: e.type, module, decode, doc: `neural module from the library (${e.provenance.source})` }));
  }
  return out;
}
