import { Module } from '@nestjs/common';
import { EventRelay } from './event-relay';
import { RecentEvents } from './recent-events';
import { CredentialWatch } from './credential-watch';
import { LiveBroadcaster } from './live-broadcaster';
import { LiveGateway } from './live.gateway';
import { PresenceService } from './presence.service';

@Module({ providers: [LiveGateway, PresenceService, EventRelay, RecentEvents, LiveBroadcaster, CredentialWatch] })
export class RealtimeModule {}
