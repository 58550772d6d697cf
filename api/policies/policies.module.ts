import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller.js';
import { PoliciesRepository } from './policies.repository.js';
import { PoliciesService } from './policies.service.js';
import { PolicyLibraryService } from './policy-library.service.js';

@Module({
  controllers: [PoliciesController],
  providers: [PoliciesRepository, PoliciesService, PolicyLibraryService],
  exports: [PolicyLibraryService, PoliciesService, PoliciesRepository],
})
export class PoliciesModule {}
