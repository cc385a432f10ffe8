import { Module } from '@nestjs/common';
import { ReviewModule } from '../review/review.module';
import { PdfService } from './pdf.service';
import { ReportDataService } from './report-data.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Reviewed reports in every format, published snapshots and share links. */
@Module({ imports: [ReviewModule], controllers: [ReportsController], providers: [ReportsService, ReportDataService, PdfService] })
export class ReportsModule {}
