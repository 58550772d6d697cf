import { Module } from '@nestjs/common';
import { HeavyWorkModule } from '../simulation/heavy-work.module.js';
import { PoliciesController } from './policies.controller.js';
import { PoliciesRepository } from './policies.repository.js';
import { PoliciesService } from './policies.service.js';
import { PolicyCheckService } from './policy-check.service.js';
import { PolicyLibraryService } from './policy-library.service.js';
import { PublishRequestsController } from './publish-requests.controller.js';
import { PublishRequestsService } from './publish-requests.service.js';

@Module({
  imports: [HeavyWorkModule],
  controllers: [PoliciesController, PublishRequestsController],
  providers: [PoliciesRepository, PoliciesService, PolicyLibraryService, PolicyCheckService, PublishRequestsService],
  exports: [PolicyLibraryService, PoliciesService, PoliciesRepository, PolicyCheckService],
})
export class PoliciesModule {}
