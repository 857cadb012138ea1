/** Tasks as plain JSON (to cross worker threads or be saved): types printed, values through toJson/fromJson. */
import { parseType, printType, splitArrow, type Type } from '../lang/type.ts';
import { fromJson, toJson } from '../lang/value.ts';
import type { Example, Task } from './task.ts';

export interface TaskJson {
  readonly name: string;
  readonly type: string;
  readonly train: readonly { inputs: unknown[]; output: unknown }[];
  readonly test: readonly { inputs: unknown[]; output: unknown }[];
  readonly loss?: Task['loss'];
  readonly constants?: readonly { value: unknown; type: string }[];
  readonly source?: Task['source'];
  readonly extra?: Record<string, unknown>;
}

export function taskToJson(task: Task): TaskJson {
  const { args, ret } = splitArrow(task.type);
  const ex = (e: Example) => ({ inputs: e.inputs.map((x, i) => toJson(x, args[i]!)), output: toJson(e.output, ret) });
  return {
    name: task.name,
    type: printType(task.type),
    train: task.train.map(ex),
    test: task.test.map(ex),
    ...(task.loss ? { loss: task.loss } : {}),
    ...(task.constants ? { constants: task.constants.map((c) => ({ value: toJson(c.value, c.type), type: printType(c.type) })) } : {}),
    ...(task.source ? { source: task.source } : {}),
    ...(task.extra ? { extra: { ...task.extra } } : {}),
  };
}

export function taskFromJson(j: TaskJson): Task {
  const type = parseType(j.type);
  const { args, ret } = splitArrow(type);
  const ex = (e: { inputs: unknown[]; output: unknown }): Example =>
    ({ inputs: e.inputs.map((x, i) => fromJson(x, args[i]!)), output: fromJson(e.output, ret) });
  return {
    name: j.name,
    type,
    train: j.train.map(ex),
    test: j.test.map(ex),
    ...(j.loss ? { loss: j.loss } : {}),
    ...(j.constants ? { constants: j.constants.map((c) => { const t: Type = parseType(c.type); return { value: fromJson(c.value, t), type: t }; }) } : {}),
    ...(j.source ? { source: j.source } : {}),
    ...(j.extra ? { extra: j.extra } : {}),
  };
}
