import { Controller, Get, Param, Redirect, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../../libs/infra/project-root';
import { Public } from '../common/current-user';

/** The built web app (`npm run build`: Vite, apps/web → dist/web). */
const WEB = path.join(projectRoot(), 'dist', 'web');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
/** Vite's hashed file names: their content never changes under a name, so they are cached for a year. */
const ASSET = /^assets\/[A-Za-z0-9_.-]+\.(js|css|map|svg|png|woff2)$/;

interface FileResponse {
  type(t: string): FileResponse;
  setHeader(name: string, value: string): void;
  send(body: Buffer): void;
}

/**
 * The web application (apps/web, built into dist/web): hashed assets under /app/assets with a long cache, and
 * index.html (never cached) for every other /app/… path, so a bookmark or a reload of any page works. It talks to the
 * same API as everyone else; the API enforces the permissions.
 */
@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  @Get()
  @Redirect('/app/', 302)
  root() {}

  @Get('app')
  index(@Res() res: FileResponse) {
    this.send(res, 'index.html');
  }

  @Get('app/*path')
  page(@Param('path') parts: string[] | string, @Res() res: FileResponse) {
    const name = Array.isArray(parts) ? parts.join('/') : parts;
    this.send(res, ASSET.test(name) && fs.existsSync(path.join(WEB, name)) ? name : 'index.html');
  }

  private send(res: FileResponse, file: string) {
    res.setHeader('Cache-Control', file === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable');
    res.type(TYPES[path.extname(file)] ?? 'application/octet-stream').send(fs.readFileSync(path.join(WEB, file)));
  }
}
