import { Module } from '@nestjs/common';
import { BookModule } from '../book/book.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { SeedService } from './seed.service.js';

@Module({ imports: [BookModule, PoliciesModule], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
