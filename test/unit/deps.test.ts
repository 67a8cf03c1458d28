import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installReason } from '../../scripts/deps.mjs';

test('npm test / npm start install the packages on a fresh clone and after package-lock.json changes, and only then', () => {
  assert.equal(installReason({ hasNodeModules: false, lockMtimeMs: 1, markerMtimeMs: undefined }), 'node_modules is missing');
  assert.match(installReason({ hasNodeModules: true, lockMtimeMs: 1, markerMtimeMs: undefined }) ?? '', /not installed by npm/);
  assert.equal(installReason({ hasNodeModules: true, lockMtimeMs: 2_000, markerMtimeMs: 1_000 }), 'package-lock.json is newer than node_modules');
  assert.equal(installReason({ hasNodeModules: true, lockMtimeMs: 1_000, markerMtimeMs: 2_000 }), null);
  assert.equal(installReason({ hasNodeModules: true, lockMtimeMs: undefined, markerMtimeMs: 2_000 }), null);
});
