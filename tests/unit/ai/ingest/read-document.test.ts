import path from 'node:path';
import { DocumentReadError, isSupportedDocument, readDocument } from '../../../../src/ai/kb/ingest/read-document';
import { buildMinimalPdf } from '../../../fixtures/kb/minimal-pdf';

const fixture = (name: string) => path.resolve(__dirname, '../../../fixtures/kb', name);

describe('readDocument', () => {
  it('strips YAML front matter from markdown and keeps its title', async () => {
    await expect(readDocument(fixture('guide.md'))).resolves.toEqual({
      title: 'Harbour guide',
      text: '# Getting there\n\n## By plane\n\nFlights land at the harbour airport.',
    });
  });

  it('takes the first level-1 heading as the title when there is no front matter', async () => {
    const document = await readDocument('notes.markdown', Buffer.from('Intro\n\n# Ferry times\n\nHourly.'));
    expect(document).toEqual({ title: 'Ferry times', text: 'Intro\n\n# Ferry times\n\nHourly.' });
  });

  it('reads plain text with normalised line endings', async () => {
    await expect(readDocument(fixture('notes.txt'))).resolves.toEqual({ text: 'Plain notes.\nSecond line.' });
  });

  it('turns HTML into headings and lines, without scripts, styles, navigation or footer', async () => {
    const document = await readDocument(fixture('guide.html'));
    expect(document.title).toBe('Harbour & Town');
    expect(document.text).toBe(
      [
        '# Harbour guide',
        '',
        'The harbour is small and friendly.',
        '',
        '## By bus',
        '',
        'Buses leave from:',
        '- Stop A at 9:00',
        '- Stop B at 10:00',
        '',
        'Route | Price',
        'Airport | 6 EUR',
      ].join('\n'),
    );
    expect(document.text).not.toMatch(/tracking|color|Home|Copyright/);
  });

  it('extracts the text of every PDF page and its title', async () => {
    const pdf = buildMinimalPdf([['Ferries leave at 9:00.', 'Tickets cost 12 EUR.'], ['Page two.']], 'Ferry guide');
    await expect(readDocument('ferries.pdf', pdf)).resolves.toEqual({
      title: 'Ferry guide',
      text: 'Ferries leave at 9:00.\nTickets cost 12 EUR.\n\nPage two.',
    });
  });

  it('names the file when a PDF is corrupt', async () => {
    const failure = readDocument(fixture('corrupt.pdf'));
    await expect(failure).rejects.toBeInstanceOf(DocumentReadError);
    await expect(failure).rejects.toThrow(/corrupt\.pdf/);
  });

  it('names the file when it cannot be opened', async () => {
    await expect(readDocument(fixture('missing.md'))).rejects.toThrow(/missing\.md/);
  });

  it('knows which extensions it reads, case-insensitively', () => {
    expect(['a.md', 'b.MARKDOWN', 'c.txt', 'd.html', 'e.htm', 'f.PDF'].every(isSupportedDocument)).toBe(true);
    expect(['a.docx', 'b.png', 'Makefile'].some(isSupportedDocument)).toBe(false);
  });
});
