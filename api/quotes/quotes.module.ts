import { Module } from '@nestjs/common';
import { BookModule } from '../book/book.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { QuotesController } from './quotes.controller.js';
import { QuotesService } from './quotes.service.js';

@Module({ imports: [BookModule, PoliciesModule], controllers: [QuotesController], providers: [QuotesService] })
export class QuotesModule {}
