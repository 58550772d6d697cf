import { Module } from '@nestjs/common';
import { BookController } from './book.controller.js';
import { BookRepository } from './book.repository.js';
import { BookService } from './book.service.js';
import { CsvBookService } from './csv-book.service.js';
import { PoliciesModule } from '../policies/policies.module.js';

@Module({ imports: [PoliciesModule], controllers: [BookController], providers: [BookRepository, BookService, CsvBookService], exports: [BookRepository, BookService] })
export class BookModule {}
