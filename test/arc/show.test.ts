import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PNG } from 'pngjs';
import { ansiGrids, pngGrids } from '../../src/cli/arc-draw.ts';

test('pngGrids decodes to the expected size and palette', () => {
  const png = PNG.sync.read(pngGrids([[[[0, 1]], [[2]]]], 4));
  // one row: grids 2x1 and 1x1 cells of 4px with 1px lines, 4px margins
  assert.equal(png.width, 4 + (2 * 5 + 1) + 4 + (1 * 5 + 1) + 4);
  assert.equal(png.height, 4 + (1 * 5 + 1) + 4);
  const px = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];
  assert.deepEqual(px(4 + 1 + 5 + 1, 4 + 2), [0, 116, 217]); // the blue cell
});

test('ansiGrids draws one line per row plus a title', () => {
  const lines = ansiGrids([{ title: 'in', grid: [[1, 2], [3, 4]] }], false);
  assert.deepEqual(lines, ['in  ', '1 2 ', '3 4 ']);
});

test('arbor show --png writes a PNG with one row per pair', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arbor-show-'));
  const file = join(dir, 'task.png');
  const task = new URL('../fixtures/arc/0d3d703e.json', import.meta.url).pathname;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'show', task, '--png', file, '--cell', '2',
    '--program', '(lambda (grid.map-colours $0 "0564312798"))'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const png = PNG.sync.read(readFileSync(file));
  // 5 pairs of 3x3 grids; columns input, output, prediction; each grid 3*(2+1)+1 = 10 px, margins 2 px
  assert.equal(png.width, 2 + 3 * (10 + 2));
  assert.equal(png.height, 2 + 5 * (10 + 2));
  rmSync(dir, { recursive: true, force: true });
});

test('arbor show: a bad file is one line and exit code 2', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'show', 'no-such-file.json'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});
