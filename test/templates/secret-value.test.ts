import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { REDACTED, SecretValue, TemplateEngine, redactSecrets, templateContext } from '../../src/templates/index.js';

void describe('SecretValue', () => {
  const secret = new SecretValue('hunter2-very-secret', 'Secret default/db password');

  void it('prints [redacted] in JSON, util.inspect and string conversion', () => {
    assert.equal(JSON.stringify({ password: secret }), '{"password":"[redacted]"}');
    assert.equal(inspect({ password: secret }), '{ password: [redacted] }');
    assert.equal(String(secret), REDACTED);
    assert.equal('' + (secret as unknown as string), REDACTED);
    assert.equal(`x${secret as unknown as string}`, 'x[redacted]');
    assert.doesNotMatch(inspect(secret, { showHidden: true, depth: 5 }), /hunter2/);
    assert.equal(Object.keys(secret).includes('plain'), false);
  });

  void it('renders its plain value into templates', () => {
    const engine = new TemplateEngine();
    const ctx = templateContext({ vars: {}, node: { name: 'n' }, secrets: { db: { password: secret }, token: new SecretValue('tok-0123') } });
    const revealed = new Set<string>();
    assert.equal(engine.render('password={{secrets.db.password}} token={{secrets.token}}', ctx, { name: 'n', revealed }), 'password=hunter2-very-secret token=tok-0123');
    assert.deepEqual([...revealed].sort(), ['hunter2-very-secret', 'tok-0123']);
    assert.equal(engine.render('{{toJson secrets.db}}', ctx, { name: 'n' }), '{"password":"hunter2-very-secret"}');
    assert.equal(JSON.stringify(ctx.secrets), '{"db":{"password":"[redacted]"},"token":"[redacted]"}');
  });

  void it('masks revealed values in text such as diffs', () => {
    const diff = '-password=old\n+password=hunter2-very-secret\n+token=tok-0123tok-0123\n+pin=12';
    assert.equal(redactSecrets(diff, ['tok-0123', 'hunter2-very-secret', '12']), '-password=old\n+password=[redacted]\n+token=[redacted][redacted]\n+pin=12');
  });
});
