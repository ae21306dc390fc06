import { cleanText, decodeEntities, stripMarkup, stripNoise } from '../../../src/core/matching/clean';
import { MAX_INPUT_CHARS } from '../../../src/core/matching';

describe('clean-up stage', () => {
  it('removes Teams mentions, tags and entities', () => {
    const { text } = cleanText(
      '<p><at>Remedy</at>&nbsp;UserErrorGuestAgentStatusUnavailable on vm-kiosk-12 &quot;again&quot;</p>',
    );
    expect(text).toBe('UserErrorGuestAgentStatusUnavailable on "again"');
  });

  it('turns block tags into line breaks and keeps code blocks text', () => {
    expect(
      cleanText('<div>line one<br>line two</div><pre><code>ExtensionSnapshotFailedNoNetwork</code></pre>')
        .text,
    ).toBe('line one\nline two\nExtensionSnapshotFailedNoNetwork');
  });

  it('decodes numeric and named entities, leaves unknown ones', () => {
    expect(decodeEntities('a &lt;- b &#65;&#x42; &ndash; &bogus;')).toBe('a <- b AB – &bogus;');
  });

  it('strips GUIDs, timestamps, URLs, e-mail, IPs, host names and paths but keeps codes and IDs', () => {
    const noisy = [
      'Job ID: 627bf322-5fac-4cb6-a34a-cb115ee347dd',
      'Start time: 10/11/2020, 9:30:02 PM; Alert raised (UTC): 2021-08-21 02:00:18',
      'see https://portal.azure.com/#blade/x and www.example.com, mail ops@contoso.com',
      'Server: MABS02.fabrikam.local at 10.0.0.4:443',
      'Path C:\\Program Files\\Microsoft Azure Backup Server\\DPM\\bin\\dpmra.exe',
      'Error code: BackUpOperationFailedV2 (ID: 100050) [0x29834]',
    ].join('\n');
    const { text } = cleanText(noisy);
    for (const gone of [
      '627bf322',
      '9:30',
      '2021-08-21',
      'portal.azure.com',
      'example',
      'contoso',
      'fabrikam',
      '10.0.0.4',
      'Program Files',
    ]) {
      expect(text).not.toContain(gone);
    }
    expect(text).toContain('dpmra.exe');
    expect(text).toContain('BackUpOperationFailedV2 (ID: 100050) [0x29834]');
  });

  it('removes <ServerName>-style placeholders', () => {
    expect(
      stripNoise('communication error with the DPM Agent Coordinator service on <ServerName>.'),
    ).not.toContain('ServerName');
    expect(stripMarkup('service on \\<ServerName>')).not.toContain('\\');
  });

  it('cuts input at MAX_INPUT_CHARS and replaces binary junk', () => {
    const long = cleanText('x'.repeat(MAX_INPUT_CHARS * 3));
    expect(long.truncated).toBe(true);
    expect(long.text.length).toBeLessThanOrEqual(MAX_INPUT_CHARS);
    expect(cleanText('a\u0000\u0001b\ufffdc').text).toBe('a b c');
  });

  it('drops the field labels of event logs and portal blades, keeping their values', () => {
    const text = cleanText(
      'Log Name: Application\nSource: CloudBackup\nTask Category: None\nDescription: replica is inconsistent',
    ).text;
    expect(text).not.toMatch(/Log Name|Task Category|Description/);
    expect(text).toContain('CloudBackup');
    expect(text).toContain('replica is inconsistent');
  });

  it('drops the machine and vault a record names: a host like WEB-EU-02 is no evidence of which error', () => {
    const text = cleanText(
      'Source: Service Control Manager\nComputer: WEB-EU-02\nVault: rsv-prod-weu\nVM Name\tvm-pay-app01\n' +
        'The Windows Azure Guest Agent service terminated unexpectedly.',
    ).text;
    expect(text).not.toMatch(/WEB|EU-02|rsv|prod|vm-pay|app01/);
    expect(text).toContain('Service Control Manager');
    expect(text).toContain('Windows Azure Guest Agent service terminated unexpectedly');
  });

  it('drops resource names (dash-joined parts with a digit) but keeps hyphenated words', () => {
    const text = cleanText(
      'snapshot failed on vm-erp-db-01 and WEB-EU-02. point-in-time restore of sql-reporting-02 is out-of-date; ' +
        'SHA-256 and x-ms-client-request-id',
    ).text;
    expect(text).not.toMatch(/erp|WEB|EU-02|reporting/);
    expect(text).toContain('point-in-time restore');
    expect(text).toContain('out-of-date');
    expect(text).toContain('x-ms-client-request-id');
    expect(text).toContain('SHA-256');
  });
});
