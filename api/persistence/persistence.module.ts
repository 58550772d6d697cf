// Provides the opened Database and its PrismaService to every module (global),
// and closes the connections when the app shuts down.
import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type Database, PrismaService } from './prisma-client.factory.js';

export const DATABASE = Symbol('DATABASE');

@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}
  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

@Global()
@Module({})
export class PersistenceModule {
  /** `db` is opened (and migrated) before the Nest app is created. */
  static forRoot(db: Database): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [{ provide: DATABASE, useValue: db }, { provide: PrismaService, useValue: db.prisma }, DatabaseLifecycle],
      exports: [DATABASE, PrismaService],
    };
  }
}
