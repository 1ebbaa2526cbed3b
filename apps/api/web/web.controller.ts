import { Controller, Get, Param, Redirect, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../../libs/infra/project-root';
import { Public } from '../common/current-user';

const PUBLIC = path.join(projectRoot(), 'apps', 'web', 'public');
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8' };

interface FileResponse {
  type(t: string): FileResponse;
  send(body: Buffer): void;
}

/**
 * The web application (apps/web): static files under /app, and index.html for every other /app/… page so a reload of
 * any page works. It talks to the same API as everyone else; the API enforces the permissions.
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
    const file = /^[a-z0-9-]+\.(js|css)$/.test(name) && fs.existsSync(path.join(PUBLIC, name)) ? name : 'index.html';
    this.send(res, file);
  }

  private send(res: FileResponse, file: string) {
    res.type(TYPES[path.extname(file)] ?? 'application/octet-stream').send(fs.readFileSync(path.join(PUBLIC, file)));
  }
}
