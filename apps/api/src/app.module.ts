import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AnnotationsModule } from './annotations/annotations.module';
import { ArticleEventsModule } from './article-events/article-events.module';
import { ArticlesModule } from './articles/articles.module';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { CandidatesModule } from './candidates/candidates.module';
import { ClaimsModule } from './claims/claims.module';
import { ClaimCommentsModule } from './claim-comments/claim-comments.module';
import { EvidenceModule } from './evidence/evidence.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ReviewModule } from './review/review.module';
import { ReportsModule } from './reports/reports.module';
import { HealthModule } from './health/health.module';
import { ConfigModule } from './infra/config/config.module';
import type { AppConfig } from './infra/config/config.schema';
import { DatabaseModule } from './infra/database/database.module';
import { ErrorFilter } from './infra/errors/error.filter';
import { JsonBodyGuard } from './infra/http/json-body';
import { ValidationPipe } from './infra/errors/validation';
import { DomainEventsModule } from './infra/events/domain-events';
import { WorkersModule } from './infra/workers/workers.module';
import { LifecycleModule } from './infra/lifecycle/shutdown.service';
import { ReaderModule } from './reader/reader.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SearchModule } from './search/search.module';
import { SimilarClaimsModule } from './similar-claims/similar-claims.module';
import { TokensModule } from './tokens/tokens.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LifecycleModule,
        DatabaseModule,
        DomainEventsModule,
        WorkersModule,
        AuditModule,
        AuthModule,
        WorkspacesModule,
        TokensModule,
        ArticlesModule,
        ReaderModule,
        ArticleEventsModule,
        AnnotationsModule,
        NotificationsModule,
        ClaimsModule,
        EvidenceModule,
        ClaimCommentsModule,
        ReviewModule,
        ReportsModule,
        CandidatesModule,
        SimilarClaimsModule,
        SearchModule,
        WebhooksModule,
        RealtimeModule,
        HealthModule,
      ],
      providers: [
        // In this order: bodies are read once the caller is known, with a smaller limit on routes open to anyone.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: JsonBodyGuard },
        { provide: APP_PIPE, useClass: ValidationPipe },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
