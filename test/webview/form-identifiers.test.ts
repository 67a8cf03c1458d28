// The wizard's form carries runtime identifiers, every commercial Region and optimizeFor to the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultForm, fromScenarioInput, toScenarioInput, validate } from '../../webview/src/form.ts';

const settings = { region: 'eu-central-1', defaultRuntime: 'python3.13', freeTier: false, preferredIac: 'sam' } as const;

test('a form with python3.13 in eu-central-1, optimised for balance, is a valid scenario and round-trips', () => {
  const f = { ...defaultForm(settings), source: 'sqs' as const, optimizeFor: 'balanced' };
  const json = toScenarioInput(f);
  assert.equal(json['runtime'], 'python3.13');
  assert.equal(json['region'], 'eu-central-1');
  assert.equal(json['optimizeFor'], 'balanced');
  const v = validate(f);
  assert.deepEqual(v.errors, {});
  assert.equal(v.scenario?.optimizeFor, 'balanced');
  assert.deepEqual(toScenarioInput(fromScenarioInput(json, settings)), json);
  assert.equal('optimizeFor' in toScenarioInput({ ...f, optimizeFor: 'cost' }), false, 'the default is left out');
});

test('an unknown runtime or a China Region is reported on its own field', () => {
  const v = validate({ ...defaultForm(settings), source: 'sqs', runtime: 'nodejs16', region: 'cn-north-1' });
  assert.match(v.errors.runtime ?? '', /Lambda runtime identifier/);
  assert.match(v.errors.region ?? '', /commercial AWS Region/);
});

test('fields the wizard has no control for survive a load and save: work.efs, work.coldStartRate, network.awsServicesGbPerMonth', () => {
  const f = { ...defaultForm(settings), source: 'api-gateway-http' as const, privateResources: true, awsServices: ['s3'] };
  const json = toScenarioInput(f);
  (json['work'] as Record<string, unknown>)['efs'] = true;
  (json['work'] as Record<string, unknown>)['coldStartRate'] = 0.02;
  (json['network'] as Record<string, unknown>)['awsServicesGbPerMonth'] = 40;
  const back = toScenarioInput(fromScenarioInput(json, settings));
  assert.equal((back['network'] as Record<string, unknown>)['awsServicesGbPerMonth'], 40);
  assert.equal((back['work'] as Record<string, unknown>)['efs'], true);
  assert.equal((back['work'] as Record<string, unknown>)['coldStartRate'], 0.02);
  assert.deepEqual(back, json);
});
