import { Module } from '@nestjs/common';
import { HeavyWorkModule } from '../simulation/heavy-work.module.js';
import { PoliciesController } from './policies.controller.js';
import { PoliciesRepository } from './policies.repository.js';
import { PoliciesService } from './policies.service.js';
import { PolicyCheckService } from './policy-check.service.js';
import { PolicyLibraryService } from './policy-library.service.js';

@Module({
  imports: [HeavyWorkModule],
  controllers: [PoliciesController],
  providers: [PoliciesRepository, PoliciesService, PolicyLibraryService, PolicyCheckService],
  exports: [PolicyLibraryService, PoliciesService, PoliciesRepository, PolicyCheckService],
})
export class PoliciesModule {}
