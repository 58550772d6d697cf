import { Module } from '@nestjs/common';
import { BookModule } from '../book/book.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { HeavyWorkModule } from './heavy-work.module.js';
import { SimulationController } from './simulation.controller.js';
import { SimulationService } from './simulation.service.js';

@Module({ imports: [BookModule, PoliciesModule, HeavyWorkModule], controllers: [SimulationController], providers: [SimulationService] })
export class SimulationModule {}
