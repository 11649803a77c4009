import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../../src/errors.js';
import { HELPER_NAMES, MAX_RANGE, SecretValue, TemplateEngine } from '../../src/templates/index.js';

const engine = new TemplateEngine();
const ctx = {
  vars: {
    port: 8080,
    portText: '8080',
    name: 'Web-01',
    list: ['a', 'b', 'c'],
    nums: [1, 2, 3],
    obj: { a: 1, b: [true, null] },
    empty: [],
    blank: '',
    zero: 0,
    nul: null,
    padded: '  x  ',
    multi: 'one\ntwo\n\nthree',
    csv: 'x,y,,z',
    huge: 1e200,
  },
  secrets: { token: new SecretValue('s3cr3t-token') },
};
const render = (src: string): string => engine.render(src, ctx, { name: 'helper.test' });

// [template, expected output]
const CASES: readonly (readonly [string, string])[] = [
  // default
  ['{{default vars.port 1}}', '8080'],
  ['{{default vars.missing 1}}', '1'],
  ['{{default vars.missing.deeper "x"}}', 'x'],
  ['{{default vars.nul "n"}}', 'n'],
  ['{{default vars.zero 5}}', '0'],
  ['{{default vars.blank "b"}}', ''],
  ['{{default vars.a vars.b vars.port}}', '8080'],
  ['{{default vars.a vars.b}}', ''],
  // eq / ne
  ['{{eq vars.port 8080}}', 'true'],
  ['{{eq vars.port "8080"}}', 'true'],
  ['{{eq vars.portText 8080}}', 'true'],
  ['{{eq vars.port 8081}}', 'false'],
  ['{{eq vars.list vars.list}}', 'true'],
  ['{{eq vars.obj vars.list}}', 'false'],
  ['{{eq vars.nul null}}', 'true'],
  ['{{eq true "true"}}', 'true'],
  ['{{eq secrets.token "s3cr3t-token"}}', 'true'],
  ['{{ne vars.port 1}}', 'true'],
  ['{{ne "a" "a"}}', 'false'],
  // lt / gt
  ['{{lt 1 2}}', 'true'],
  ['{{lt "10" 9}}', 'false'],
  ['{{gt vars.port 1024}}', 'true'],
  ['{{lt "abc" "abd"}}', 'true'],
  ['{{gt "b" "a"}}', 'true'],
  // and / or / not
  ['{{and true 1 "x"}}', 'true'],
  ['{{and true vars.empty}}', 'false'],
  ['{{or vars.zero vars.blank vars.nul}}', 'false'],
  ['{{or vars.zero "x"}}', 'true'],
  ['{{not vars.empty}}', 'true'],
  ['{{not vars.obj}}', 'false'],
  // join
  ['{{join vars.list}}', 'a,b,c'],
  ['{{join vars.list ", "}}', 'a, b, c'],
  ['{{join vars.nums "-"}}', '1-2-3'],
  ['{{join vars.empty ","}}', ''],
  // toJson / toYaml
  ['{{toJson vars.obj}}', '{"a":1,"b":[true,null]}'],
  ['{{toJson vars.obj 2}}', '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}'],
  ['{{toJson "x"}}', '"x"'],
  ['{{toJson secrets}}', '{"token":"s3cr3t-token"}'],
  ['{{toYaml vars.obj}}', 'a: 1\nb:\n  - true\n  - null'],
  ['{{toYaml vars.list}}', '- a\n- b\n- c'],
  // indent
  ['{{indent vars.multi 2}}', '  one\n  two\n\n  three'],
  ['{{indent (toYaml vars.obj) 4}}', '    a: 1\n    b:\n      - true\n      - null'],
  ['{{indent "x" 0}}', 'x'],
  // base64 / sha256
  ['{{b64enc "héllo"}}', Buffer.from('héllo').toString('base64')],
  ['{{b64dec "aMOpbGxv"}}', 'héllo'],
  ['{{b64dec (b64enc secrets.token)}}', 's3cr3t-token'],
  ['{{sha256 "abc"}}', createHash('sha256').update('abc').digest('hex')],
  // case, trim, replace, split
  ['{{upper vars.name}}', 'WEB-01'],
  ['{{lower vars.name}}', 'web-01'],
  ['{{upper 12}}', '12'],
  ['[{{trim vars.padded}}]', '[x]'],
  ['{{replace vars.name "-" "_"}}', 'Web_01'],
  ['{{replace "a.b.c" "." ""}}', 'abc'],
  ['{{join (split vars.csv ",") "|"}}', 'x|y||z'],
  ['{{join (split "abc" "") " "}}', 'a b c'],
  // len / contains
  ['{{len vars.list}}', '3'],
  ['{{len "héllo"}}', '5'],
  ['{{len vars.obj}}', '2'],
  ['{{len vars.empty}}', '0'],
  ['{{contains vars.list "b"}}', 'true'],
  ['{{contains vars.nums "2"}}', 'true'],
  ['{{contains vars.list "z"}}', 'false'],
  ['{{contains vars.name "eb"}}', 'true'],
  ['{{contains vars.obj "b"}}', 'true'],
  ['{{contains vars.obj "toString"}}', 'false'],
  // range
  ['{{#each (range 3)}}{{this}}{{/each}}', '012'],
  ['{{len (range 0)}}', '0'],
  // arithmetic
  ['{{add 1 2}}', '3'],
  ['{{add vars.portText 1}}', '8081'],
  ['{{sub 10 2.5}}', '7.5'],
  ['{{mul 6 7}}', '42'],
  ['{{add (mul 2 3) (sub 10 4)}}', '12'],
];

// [template, error message pattern]
const ERRORS: readonly (readonly [string, RegExp])[] = [
  ['{{default vars.port}}', /default takes at least 2 arguments \(got 1\)/],
  ['{{eq 1}}', /eq takes 2 arguments \(got 1\)/],
  ['{{lt "a" 1}}', /lt: expected two numbers or two strings \(got the string 'a' and number 1\)/],
  ['{{gt vars.obj 1}}', /gt: expected two numbers or two strings/],
  ['{{and true}}', /and takes at least 2 arguments/],
  ['{{join "abc" ","}}', /join: expected a list \(got the string 'abc'\)/],
  ['{{join vars.list vars.list}}', /join: expected a separator/],
  ['{{join (split "a" ",") 1 2}}', /join takes 1 to 2 arguments \(got 3\)/],
  ['{{toJson vars.obj 11}}', /toJson: expected an integer from 0 to 10/],
  ['{{indent "x" -1}}', /indent: expected an integer from 0 to 1000/],
  ['{{indent vars.obj 2}}', /indent: expected text \(got an object\)/],
  ['{{b64dec "not base64!"}}', /b64dec: expected base64 text/],
  ['{{b64dec "/w=="}}', /b64dec: the decoded bytes are not UTF-8 text/],
  ['{{upper vars.list}}', /upper: expected text \(got a list\)/],
  ['{{upper vars.nul}}', /upper: expected text \(got null\)/],
  ['{{replace "abc" "" "x"}}', /replace: the text to replace must not be empty/],
  ['{{len 5}}', /len: expected text, a list or an object \(got number 5\)/],
  ['{{contains 5 1}}', /contains: expected text, a list or an object to look in/],
  ['{{range -1}}', /range: expected an integer from 0 to 100000/],
  [`{{range ${MAX_RANGE + 1}}}`, /range: expected an integer from 0 to 100000/],
  ['{{range 1.5}}', /range: expected an integer/],
  ['{{add "x" 1}}', /add: expected a number \(got the string 'x'\)/],
  ['{{add vars.port vars.nul}}', /add: expected a number \(got null\)/],
  ['{{mul vars.huge vars.huge}}', /mul: the result is not a finite number/],
  ['{{upper "x" sep=","}}', /upper takes no named arguments \(got sep\)/],
  ['{{#join vars.list}}x{{/join}}', /join is not a block helper/],
  ['{{#each "abc"}}x{{/each}}', /#each needs a list or an object \(got the string 'abc'\)/],
  ['{{#each secrets.token}}x{{/each}}', /#each needs a list or an object \(got a secret\)/],
  ['{{#if}}x{{/if}}', /#if takes exactly one argument \(got 0\)/],
  ['{{with vars.obj}}', /with is a block helper/],
];

void describe('template helpers', () => {
  void it('has the documented set and nothing else', () => {
    assert.deepEqual(HELPER_NAMES, [
      'add', 'and', 'b64dec', 'b64enc', 'contains', 'default', 'eq', 'gt', 'indent', 'join', 'len', 'lower', 'lt', 'mul', 'ne', 'not', 'or', 'range',
      'replace', 'sha256', 'split', 'sub', 'toJson', 'toYaml', 'trim', 'upper',
    ]);
  });

  for (const [src, want] of CASES) {
    void it(`renders ${src}`, () => {
      assert.equal(render(src), want);
    });
  }

  for (const [src, pattern] of ERRORS) {
    void it(`refuses ${src}`, () => {
      assert.throws(() => render(src), (err: unknown) => {
        assert.ok(err instanceof InvalidArgumentError, String(err));
        assert.equal(err.issues[0].path, 'helper.test');
        assert.match(err.message, /^helper\.test: line 1: /);
        assert.match(err.message, pattern);
        return true;
      });
    });
  }

  void it('names the line of a helper misuse', () => {
    assert.throws(() => render('a\nb\n{{upper vars.list}}'), /helper\.test: line 3: upper: expected text \(got a list\)/);
  });

  void it('never shows a secret in a helper complaint', () => {
    assert.throws(() => render('{{add secrets.token 1}}'), (err: Error) => {
      assert.doesNotMatch(err.message, /s3cr3t/);
      assert.match(err.message, /add: expected a number \(got a secret\)/);
      return true;
    });
  });

  void it('caps what a helper builds by the output limit', () => {
    const small = new TemplateEngine({ maxOutputBytes: 1000 });
    const c = { vars: { s: 'a'.repeat(100) } };
    assert.throws(() => small.render('{{replace vars.s "a" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}', c, { name: 'r' }), /r: line 1: replace: the result would be larger than the output limit/);
    assert.throws(() => small.render('{{indent vars.s 1000}}', c, { name: 'i' }), /i: line 1: indent: the result would be larger than the output limit/);
    assert.throws(() => small.render('{{join (range 1000) ","}}', c, { name: 'j' }), /j: line 1: join: the result would be larger than the output limit/);
  });
});
