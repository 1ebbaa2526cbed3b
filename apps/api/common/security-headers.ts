import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every response (`helmet`, the maintained Express middleware for them: HSTS, nosniff,
 * frame-ancestors/X-Frame-Options, Referrer-Policy no-referrer, Cross-Origin-Resource-Policy same-origin, no
 * X-Powered-By), with a strict content security policy: the web app (Vite's build, apps/web) loads only its own
 * scripts, styles, fonts and images and talks only to this API — no inline script, no eval, no other origin, never in
 * a frame. React's style props go through the CSSOM, which style-src does not restrict; chart.js draws on a canvas.
 *
 * The OpenAPI page (/docs, Swagger UI) is the one exception: its page sets inline styles and an inline init script,
 * so it gets 'unsafe-inline' for those two — still nothing from another origin.
 */
const STRICT = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

// Not sent: Cross-Origin-Opener-Policy and Origin-Agent-Cluster. The app opens no window of another origin and is
// opened by none, so COOP protects nothing here; with both, Chromium swaps renderer processes on navigations, and the
// browser tier lost its renderer at random ("Render process gone") — taken out until that is understood.
const common = {
  referrerPolicy: { policy: 'no-referrer' as const },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
};
const app = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: STRICT } });
const docs = helmet({
  ...common,
  contentSecurityPolicy: { useDefaults: false, directives: { ...STRICT, scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"] } },
});

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  (req.path === '/docs' || req.path.startsWith('/docs/') || req.path.startsWith('/docs-') ? docs : app)(req, res, next);
}
