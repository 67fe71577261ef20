import { describe, expect, it } from 'vitest';
import { escapeXml, xmlDocument } from './xml';

describe('the XML writer', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('ok\u0000\u0008\u000b\uffff\ud800 tab\tline\n清波')).toBe('ok tab\tline\n清波');
    expect(escapeXml('😀')).toBe('😀');
  });

  it('writes lists with singular item names, nested objects and empty elements', () => {
    expect(xmlDocument('service_requests', [{ service_request_id: 'QB2011-000001', lat: 30.2, media_url: null, notes: [{ summary: 'report' }] }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests>\n  <request>\n    <service_request_id>QB2011-000001</service_request_id>\n'
      + '    <lat>30.2</lat>\n    <media_url/>\n    <notes>\n      <note>\n        <summary>report</summary>\n      </note>\n    </notes>\n  </request>\n</service_requests>\n',
    );
    expect(xmlDocument('errors', [])).toBe('<?xml version="1.0" encoding="utf-8"?>\n<errors/>\n');
  });

  it('refuses element names that are not names', () => {
    expect(() => xmlDocument('root', { 'a b': 1 })).toThrow(/bad XML element name/);
    expect(() => xmlDocument('root', { '<x>': 1 })).toThrow(/bad XML element name/);
  });
});
