import { Controller } from '@nestjs/common';

/** Portfolio and SLA figures for managers (GET /api/monitor/figures). */
@Controller('api/monitor/figures')
export class FiguresController {}
