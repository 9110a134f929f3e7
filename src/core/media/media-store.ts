/**
 * Media that Baton must serve itself: files a traveler sent through a channel
 * whose media URLs are not public (whatsapp-web.js), and files Baton sends
 * (e.g. a specialist's attachment) that a provider must fetch. They are kept
 * in PostgreSQL and served only through short-lived signed URLs.
 */
export interface StoredMedia {
  id: string;
  contentType: string;
  /** Absolute URL that works until it expires. */
  url: string;
}

export interface MediaStore {
  save(data: Buffer, contentType: string, options?: { filename?: string }): Promise<StoredMedia>;
}
