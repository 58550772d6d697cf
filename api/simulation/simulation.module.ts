import { Module } from '@nestjs/common';
import { BookModule } from '../book/book.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { SimulationController } from './simulation.controller.js';
import { HeavyWorkService } from './heavy-work.service.js';
import { SimulationService } from './simulation.service.js';

@Module({ imports: [BookModule, PoliciesModule], controllers: [SimulationController], providers: [SimulationService, HeavyWorkService] })
export class SimulationModule {}
