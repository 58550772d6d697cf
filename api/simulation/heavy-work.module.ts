import { Module } from '@nestjs/common';
import { HeavyWorkService } from './heavy-work.service.js';

/** One pool of heavy-work threads for the whole app (checks, simulations, impact, timelines). */
@Module({ providers: [HeavyWorkService], exports: [HeavyWorkService] })
export class HeavyWorkModule {}
