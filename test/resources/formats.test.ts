// Cron expressions and git sources, table-driven.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cronProblem, gitRefProblem, gitUrlProblem, parseCronExpression, treePathProblem } from '../../src/resources/index.js';

void describe('cron expressions', () => {
  void it('expands fields, ranges, steps, lists and names', () => {
    const c = parseCronExpression('*/15 9-17/4 1,15 jan-mar MON-fri');
    assert.ok(c);
    assert.deepEqual(c.minutes, [0, 15, 30, 45]);
    assert.deepEqual(c.hours, [9, 13, 17]);
    assert.deepEqual(c.daysOfMonth, [1, 15]);
    assert.deepEqual(c.months, [1, 2, 3]);
    assert.deepEqual(c.daysOfWeek, [1, 2, 3, 4, 5]);
    assert.equal(c.dayOfMonthRestricted, true);
    assert.equal(c.dayOfWeekRestricted, true);
  });

  void it('reads 7 as Sunday, a/n as a-max/n, and macros', () => {
    assert.deepEqual(parseCronExpression('0 0 * * 7')?.daysOfWeek, [0]);
    assert.deepEqual(parseCronExpression('50/5 * * * *')?.minutes, [50, 55]);
    assert.deepEqual(parseCronExpression('@hourly')?.minutes, [0]);
    assert.deepEqual(parseCronExpression('@weekly')?.daysOfWeek, [0]);
    assert.equal(parseCronExpression('@daily')?.dayOfWeekRestricted, false);
  });

  const bad: [string, RegExp][] = [
    ['* * * *', /must have 5 fields/],
    ['* * * * * *', /found 6/],
    ['', /found 0/],
    ['60 * * * *', /minute field: 60 is out of range 0-59/],
    ['* 24 * * *', /hour field: 24/],
    ['* * 0 * *', /day-of-month field: 0 is out of range 1-31/],
    ['* * * 13 *', /month field: 13/],
    ['* * * * 8', /day-of-week field: 8 is out of range 0-7/],
    ['1-2-3 * * * *', /is not a range/],
    ['*/x * * * *', /step 'x'/],
    ['1/2/3 * * * *', /more than one '\//],
    ['1,,2 * * * *', /empty list item/],
    ['* * * * funday', /'funday' is not a number or a name/],
    ['@every 5m', /unknown macro/],
  ];
  for (const [expr, reason] of bad) {
    void it(`refuses '${expr}'`, () => {
      assert.match(cronProblem(expr) ?? 'accepted', reason);
      assert.equal(parseCronExpression(expr), undefined);
    });
  }
});

void describe('git sources', () => {
  void it('accepts the usual refs and refuses what git refuses', () => {
    for (const ok of ['main', 'HEAD', 'v1.2.3', 'refs/heads/main', 'feature/x-y', 'a'.repeat(40)]) assert.equal(gitRefProblem(ok), undefined, ok);
    const bad: [string, RegExp][] = [
      ['', /empty/],
      ['-x', /start with '-'/],
      ['a..b', /'\.\.'/],
      ['a b', /spaces/],
      ['a~1', /'~'/],
      ['a^', /'\^'/],
      ['a:b', /':'/],
      ['a?', /'\?'/],
      ['a*', /'\*'/],
      ['a[', /'\['/],
      ['a\\b', /'\\'/],
      ['/a', /start or end with '\/'/],
      ['a/', /start or end with '\/'/],
      ['a//b', /'\/\/'/],
      ['a.', /end with '\.'/],
      ['a/.b', /component starting with '\.'/],
      ['a.lock', /ending with '\.lock'/],
      ['a@{1}', /'@\{'/],
      ['@', /must not be '@'/],
    ];
    for (const [ref, reason] of bad) assert.match(gitRefProblem(ref) ?? 'accepted', reason, ref);
  });

  void it('accepts https, ssh, scp-like and file URLs only', () => {
    for (const ok of ['https://git.example.com/infra/fleet.git', 'ssh://git@git.example.com:2222/infra.git', 'git@github.com:org/repo.git', 'file:///srv/git/fleet.git']) {
      assert.equal(gitUrlProblem(ok), undefined, ok);
    }
    const bad: [string, RegExp][] = [
      ['http://git.example.com/x.git', /https, not http/],
      ['git://git.example.com/x.git', /must be an https:\/\//],
      ['ftp://x/y', /must be an https:\/\//],
      ['https://user:pw@git.example.com/x.git', /credentials/],
      ['https://token@git.example.com/x.git', /credentials/],
      ['https://git.example.com', /repository path/],
      ['file://host/srv/x.git', /no host/],
      ['/srv/x.git', /must be an https:\/\//],
      ['-uhttps://x', /start with '-'/],
      ['ext::sh -c touch% /tmp/pwned', /spaces/],
      ['ext::sh', /must be an https:\/\//],
      ['https://git.example.com/x .git', /spaces/],
    ];
    for (const [url, reason] of bad) assert.match(gitUrlProblem(url) ?? 'accepted', reason, url);
  });

  void it('keeps tree paths inside the tree', () => {
    for (const ok of ['.', 'a.yaml', 'fleet/web', './x']) assert.equal(treePathProblem(ok), undefined, ok);
    assert.match(treePathProblem('/etc/passwd')!, /relative/);
    assert.match(treePathProblem('a/../../b')!, /'\.\.'/);
    assert.match(treePathProblem('..')!, /'\.\.'/);
    assert.match(treePathProblem('a\\b')!, /'\\'/);
  });
});
