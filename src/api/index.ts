/**
 * Arbor's library API. The language: parse and print programs, infer their types, evaluate them (compiled, with
 * fuel and size limits and typed failures), compile them to JS functions, export them as standalone ES modules.
 */
export { type Expr, app, lam, prim, v, int, real, str, char, bool, inv, exprEquals, spine } from '../lang/expr.ts';
export { parse, ParseError } from '../lang/parse.ts';
export { print, type PrintOptions } from '../lang/print.ts';
export { type Type, parseType, printType, arrow, splitArrow, arity } from '../lang/type.ts';
export { inferType as infer, inferType, checkType, InferError } from '../lang/infer.ts';
export { typeFromJson, typeToJson } from '../lang/type-json.ts';
export { type Primitive, type PrimitiveSet, primitiveSet, extendSet } from '../lang/primitive.ts';
export { basePrimitives, families, dreamcoderListPrimitives, dreamcoderTextPrimitives } from '../lang/primitives/index.ts';
export { evaluate, runCompiled, type EvalResult, type EvalOptions } from '../lang/evaluate.ts';
export { compile, type Compiled } from '../lang/compile.ts';
export { interpret } from '../lang/interpret.ts';
export { exportModule, exportModule as export, type ExportOptions } from './export.ts';
export { type FailureKind, type Memory, EvalError } from '../lang/runtime.ts';
export { fromJson, toJson } from '../lang/value.ts';
export { generateProgram, randomValue } from '../lang/generate.ts';
export { openFileMemory } from '../store/memory-file.ts';
export { synthesize, type SynthesizeOptions, type SynthesisResult, type ExampleInput } from './synthesize.ts';
