import { Module } from '@nestjs/common';
import { LiveBroadcaster } from './live-broadcaster';
import { LiveGateway } from './live.gateway';
import { PresenceService } from './presence.service';

@Module({ providers: [LiveGateway, PresenceService, LiveBroadcaster] })
export class RealtimeModule {}
