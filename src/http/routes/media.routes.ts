import { Router } from 'express';
import { z } from 'zod';
import { BatonError } from '../../core/errors';
import type { Runtime } from '../../runtime/create-runtime';

const ZMediaQuerySchema = z.object({ expires: z.string().optional(), signature: z.string().optional() });

/** Media Baton serves itself, only through a valid, unexpired signed URL. */
export function mediaRoutes(runtime: Runtime): Router {
  const router = Router();
  router.get('/media/:id', async (req, res) => {
    const query = ZMediaQuerySchema.safeParse(req.query);
    const id = req.params.id;
    const signed =
      query.success &&
      z.uuid().safeParse(id).success &&
      runtime.mediaSigner.verify({ id, expires: query.data.expires, signature: query.data.signature });
    if (!signed) {
      throw new BatonError('signature_invalid', 'this media link is invalid or has expired');
    }
    const media = await runtime.media.load(id);
    if (!media) throw new BatonError('not_found', 'no such media');
    res.set({
      'content-type': media.contentType,
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff',
      // Media comes from travelers: an HTML or SVG file must never run script on Baton's origin.
      'content-security-policy':
        "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'",
      ...(media.filename && {
        'content-disposition': `inline; filename="${media.filename.replace(/["\\\r\n]/g, '_')}"`,
      }),
    });
    res.send(media.data);
  });
  return router;
}
