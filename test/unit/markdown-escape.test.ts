// What a template says never becomes a link, an image or HTML in what the editor renders (issue 12 §6): hostile
// resource ids, event names and keys in the hover markdown, and the plain texts VS Code decorates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeSpan, escapeMarkdown, plainText } from '../../src/engine/markdown.ts';
import { hoverAt } from '../../src/engine/templates/hover.ts';
import { parseTemplate } from '../../src/engine/templates/parse.ts';

const LINK = '[click](http://evil/x)';
const IMAGE = '![](http://evil.example/pixel.png)';
const HTML = '<img src=x onerror=alert(1)>';

/** No markdown link or image and no HTML tag survives in `md` (escaped brackets and angle brackets are fine). */
function assertInert(rendered: string): void {
  // Code spans are inert (nothing inside one is a link): take them out, then look for what would render.
  const md = rendered.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
  assert.doesNotMatch(md, /(?<!\\)\[[^\]]*(?<!\\)\]\((?!https:\/\/docs\.aws\.amazon\.com)/, `a link in:\n${md}`);
  assert.doesNotMatch(md, /(?<!\\)<img/, `HTML in:\n${md}`);
  assert.equal(md.includes('evil.example') && /(?<!\\)\]\(http:\/\/evil/.test(md), false, md);
}

test('escapeMarkdown: links, images, HTML, emphasis and code fences show as their characters', () => {
  for (const s of [LINK, IMAGE, HTML, '**bold** _x_ `code`', 'a\nb\r\n# heading']) {
    const e = escapeMarkdown(s);
    assertInert(e);
    assert.equal(e.includes('\n'), false);
  }
  assert.equal(escapeMarkdown(LINK), '\\[click\\]\\(http://evil/x\\)');
  assert.equal(codeSpan('a`b'), '`` a`b ``');
  assert.equal(codeSpan('Orders'), '`Orders`');
  assert.equal(plainText(`${LINK} $(alert)`).includes(']('), false);
  assert.equal(plainText('$(alert)').includes('$('), false);
});

test('hover: hostile resource ids, event names and keys from the template plant no link, image or HTML', () => {
  const hostileQueue = `Q${LINK}`;
  const hostileEvent = `E\`${IMAGE}`;
  const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  "Fn${HTML}":
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Timeout: 30
      Events:
        "${hostileEvent}":
          Type: SQS
          Properties:
            Queue: !GetAtt "${hostileQueue}.Arn"
            BatchSize: 10
  "${hostileQueue}":
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 30
`;
  const t = parseTemplate(text);
  assert.deepEqual(t.errors, []);
  const at = (needle: string) => {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, needle);
    return hoverAt(t, i + 1);
  };
  const batch = at('BatchSize');
  const timeout = at('Timeout: 30');
  const visibility = at('VisibilityTimeout');
  assert.ok(batch && timeout && visibility, 'the hovers exist');
  for (const h of [batch, timeout, visibility]) assertInert(h.markdown);
  // The names are still there, readable.
  assert.ok(batch.markdown.includes('E`'), batch.markdown);
  assert.ok(visibility.markdown.includes('Fn\\<img'), visibility.markdown);
});
