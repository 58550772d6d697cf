import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller.js';
import { PoliciesRepository } from './policies.repository.js';
import { PoliciesService } from './policies.service.js';
import { PolicyLibraryService } from './policy-library.service.js';
import { PublishRequestsController } from './publish-requests.controller.js';
import { PublishRequestsService } from './publish-requests.service.js';

@Module({
  controllers: [PoliciesController, PublishRequestsController],
  providers: [PoliciesRepository, PoliciesService, PolicyLibraryService, PublishRequestsService],
  exports: [PolicyLibraryService, PoliciesService, PoliciesRepository],
})
export class PoliciesModule {}
