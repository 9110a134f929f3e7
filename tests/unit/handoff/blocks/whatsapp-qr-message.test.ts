import type { ContextBlock, Mrkdwn, SectionBlock } from '../../../../src/handoff/blocks/block-kit';
import {
  buildWhatsappLinkedMessage,
  buildWhatsappLinkedNote,
  buildWhatsappQrMessage,
  whatsappQrFileTitle,
} from '../../../../src/handoff/blocks/whatsapp-qr-message';
import { blockKitProblems } from './block-kit-check';

const texts = (blocks: Array<SectionBlock | ContextBlock>) =>
  blocks.flatMap((b) => (b.type === 'section' ? [b.text?.text] : b.elements.map((e) => (e as Mrkdwn).text)));

describe('buildWhatsappQrMessage', () => {
  it('asks whoever has the company phone to scan the code, in the exact wording', () => {
    const message = buildWhatsappQrMessage({ refreshSeconds: 60 });
    expect(message.text).toBe(
      ':iphone: WhatsApp needs re-linking: on the company phone open WhatsApp › Linked devices › Link a device and scan this code (it refreshes every ~20 s).',
    );
    expect((message.blocks[0] as SectionBlock).text?.text).toBe(message.text);
    expect(blockKitProblems(message.blocks, 50)).toEqual([]);
  });

  it.each([
    [60, 'at most every minute'],
    [120, 'at most every 2 minutes'],
    [30, 'at most every 30 s'],
  ])('says where the code is and how often a new one follows (%i s)', (refreshSeconds, every) => {
    const context = buildWhatsappQrMessage({ refreshSeconds }).blocks[1] as ContextBlock;
    const [text] = texts([context]);
    expect(text).toContain('The code is in this thread');
    expect(text).toContain(every);
    expect(text).toContain('never share it outside this channel');
  });
});

describe('linked again', () => {
  it('notes it in the thread and turns the channel message into a "nothing to scan" line', () => {
    const note = buildWhatsappLinkedNote();
    expect(note.text).toBe('WhatsApp linked again ✓');
    expect(texts(note.blocks as ContextBlock[])).toEqual([':white_check_mark: WhatsApp linked again ✓']);
    const message = buildWhatsappLinkedMessage();
    expect(message.text).toMatch(/^:white_check_mark: WhatsApp linked again ✓ .*nothing to scan/);
    expect(message.text).not.toContain('scan this code');
    expect(blockKitProblems([...note.blocks, ...message.blocks], 50)).toEqual([]);
  });
});

describe('whatsappQrFileTitle', () => {
  it('names each code by its UTC time so the newest is easy to tell', () => {
    expect(whatsappQrFileTitle(new Date('2026-11-25T14:05:09.123Z'))).toBe('WhatsApp link code, 14:05:09 UTC');
  });
});
